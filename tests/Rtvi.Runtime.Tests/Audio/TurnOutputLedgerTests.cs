using Rtvi.Sessions;
using static Rtvi.Sessions.TurnOutputLedger.Claimed;

namespace Rtvi.Tests.Audio;

/// <summary>
/// The room of turn output: given back at once by an interruption, exactly once per item, and early only while no
/// earlier early release still waits for the writer (so the outbox never holds more than twice its budget).
/// </summary>
public sealed class TurnOutputLedgerTests
{
    [Fact]
    public void Every_item_leaves_the_count_once_and_early_releases_never_stack()
    {
        var ledger = new TurnOutputLedger();
        var first = ledger.Epoch;
        Assert.True(ledger.TryAdd(first, 10));
        Assert.True(ledger.TryAdd(first, 20));
        Assert.Equal(Send, ledger.Claim(first, 10));

        Assert.Equal((1, 20L), ledger.EndEpoch());             // the interruption gives the queued item's room back now
        var second = ledger.Epoch;
        Assert.False(ledger.TryAdd(first, 5));                 // output of the interrupted turn is not queued any more
        Assert.True(ledger.TryAdd(second, 30));
        Assert.Equal((0, 0L), ledger.EndEpoch());              // the first release still waits for the writer: held
        Assert.Equal(Drop, ledger.Claim(first, 20));           // its room was given back already
        Assert.Equal(DropAndRelease, ledger.Claim(second, 30)); // its room was held: the writer gives it back

        var third = ledger.Epoch;
        Assert.True(ledger.TryAdd(third, 40));
        Assert.Equal((1, 40L), ledger.EndEpoch());             // nothing waits for the writer: early again
        Assert.Equal(Drop, ledger.Claim(third, 40));
        var fourth = ledger.Epoch;
        Assert.True(ledger.TryAdd(fourth, 50));
        Assert.Equal(Send, ledger.Claim(fourth, 50));
        Assert.Equal((0, 0L), ledger.EndEpoch());
    }
}
