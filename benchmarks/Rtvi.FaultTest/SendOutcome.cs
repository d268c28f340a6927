namespace Rtvi.FaultTest;

/// <summary>What became of one send: written, cut short by the server's release, or still pending at the deadline.</summary>
internal enum SendOutcome
{
    Sent,
    Released,
    TimedOut,
}
