using System.Text;
using Rtvi.Sessions;
using Rtvi.Transports;

namespace Rtvi.Tests.Reliability;

/// <summary>
/// The outbox's sends made by their sender: at once when nothing is queued or being sent, never waiting for the client,
/// and never overtaking what is queued. Each interleaving is forced with a transport whose sends a test completes.
/// </summary>
public sealed class OutboxTests
{
    private static readonly TimeSpan s_sendTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_idle_outbox_sends_on_the_senders_thread()
    {
        var connection = new GatedConnection();
        var (outbox, writer, abort) = await StartAsync(connection);

        var thread = Environment.CurrentManagedThreadId;
        var pending = outbox.EnqueueAsync(Item("a"), CancellationToken.None);

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal(["a"], connection.Sent);
        Assert.Equal(thread, connection.SendThreads.Single());
        await StopAsync(outbox, writer, abort);
    }

    [Fact]
    public async Task A_send_the_transport_completes_later_neither_blocks_its_sender_nor_is_overtaken()
    {
        var connection = new GatedConnection();
        var (outbox, writer, abort) = await StartAsync(connection);
        connection.Hold();

        // The first send is in flight and not complete; the sender returns anyway.
        Assert.True(outbox.EnqueueAsync(Item("1"), CancellationToken.None).IsCompletedSuccessfully);
        // Later messages are queued behind it (nobody may send while a send is in flight), from any thread.
        Assert.True(outbox.EnqueueAsync(Item("2"), CancellationToken.None).IsCompletedSuccessfully);
        await Task.Run(() => outbox.EnqueueAsync(Item("3"), CancellationToken.None).AsTask());
        Assert.Equal(["1"], connection.Sent);

        connection.Release();
        await Wires.Until(() => connection.Sent.Count == 3, "the queued messages are sent");
        Assert.True(outbox.EnqueueAsync(Item("4"), CancellationToken.None).IsCompletedSuccessfully);
        await Wires.Until(() => connection.Sent.Count == 4, "the last message is sent");
        Assert.Equal(["1", "2", "3", "4"], connection.Sent);
        await StopAsync(outbox, writer, abort);
    }

    [Fact]
    public async Task A_small_message_never_overtakes_a_large_one_queued_before_it()
    {
        var connection = new GatedConnection();
        var (outbox, writer, abort) = await StartAsync(connection);
        connection.Hold();

        var large = new string('x', Outbox.MaxInlineBytes + 1);
        await outbox.EnqueueAsync(Item(large), CancellationToken.None);
        await outbox.EnqueueAsync(Item("small"), CancellationToken.None);
        await Wires.Until(() => connection.Sent.Count == 1, "the writer starts the large send");
        connection.Release();

        await Wires.Until(() => connection.Sent.Count == 2, "both are sent");
        Assert.Equal([large, "small"], connection.Sent);
        await StopAsync(outbox, writer, abort);
    }

    [Fact]
    public async Task A_failing_send_by_its_sender_ends_the_writer_with_that_failure()
    {
        var connection = new GatedConnection();
        var (outbox, writer, _) = await StartAsync(connection);
        connection.Hold();

        await outbox.EnqueueAsync(Item("doomed"), CancellationToken.None);
        await outbox.EnqueueAsync(Item("queued"), CancellationToken.None);
        connection.Fail(new IOException("connection reset"));

        var failure = await writer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<IOException>(failure);
        Assert.Equal(["doomed"], connection.Sent);
    }

    [Fact]
    public async Task A_send_by_its_sender_that_never_completes_is_reported_as_a_stall()
    {
        var connection = new GatedConnection();
        var outbox = new Outbox(16, 1 << 20, TimeSpan.FromMilliseconds(200));
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        outbox.Stalled += () => stalled.TrySetResult();
        using var abort = new CancellationTokenSource();
        var writer = Task.Run(() => outbox.RunWriterAsync(connection, abort.Token));
        await WaitUntilInlineAsync(outbox, connection);
        connection.Hold();

        Assert.True(outbox.EnqueueAsync(Item("never read"), CancellationToken.None).IsCompletedSuccessfully);

        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        abort.Cancel();
        connection.Fail(new OperationCanceledException());
        Assert.Null(await writer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static OutboxItem Item(string text) => new(Encoding.UTF8.GetBytes(text), 0, 0);

    private static async Task<(Outbox Outbox, Task<Exception?> Writer, CancellationTokenSource Abort)> StartAsync(GatedConnection connection)
    {
        var outbox = new Outbox(16, 1 << 22, s_sendTimeout);
        var abort = new CancellationTokenSource();
        var writer = Task.Run(() => outbox.RunWriterAsync(connection, abort.Token));
        await WaitUntilInlineAsync(outbox, connection);
        return (outbox, writer, abort);
    }

    /// <summary>The writer publishes the connection when it starts; until then messages are queued. Waits for that.</summary>
    private static async Task WaitUntilInlineAsync(Outbox outbox, GatedConnection connection)
    {
        await outbox.EnqueueAsync(Item("warm-up"), CancellationToken.None);
        await Wires.Until(() => connection.Sent.Count == 1, "the writer starts");
        connection.Clear();
    }

    private static async Task StopAsync(Outbox outbox, Task<Exception?> writer, CancellationTokenSource abort)
    {
        outbox.Complete();
        Assert.Null(await writer.WaitAsync(TimeSpan.FromSeconds(10)));
        abort.Dispose();
    }

    /// <summary>A transport whose sends complete at once, or, while held, when the test releases or fails them.</summary>
    private sealed class GatedConnection : RtviConnection
    {
        private readonly Lock _lock = new();
        private readonly List<string> _sent = [];
        private readonly List<int> _threads = [];
        private TaskCompletionSource? _gate;

        public IReadOnlyList<string> Sent
        {
            get
            {
                lock (_lock)
                {
                    return [.. _sent];
                }
            }
        }

        public IReadOnlyList<int> SendThreads
        {
            get
            {
                lock (_lock)
                {
                    return [.. _threads];
                }
            }
        }

        public void Hold()
        {
            lock (_lock)
            {
                _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public void Release() => TakeGate()?.TrySetResult();

        public void Fail(Exception exception) => TakeGate()?.TrySetException(exception);

        public void Clear()
        {
            lock (_lock)
            {
                _sent.Clear();
                _threads.Clear();
            }
        }

        public override ValueTask<RtviInboundFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override ValueTask SendMessageAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _sent.Add(Encoding.UTF8.GetString(json.Span));
                _threads.Add(Environment.CurrentManagedThreadId);
                return _gate is { } gate ? new ValueTask(gate.Task) : default;
            }
        }

        private TaskCompletionSource? TakeGate()
        {
            lock (_lock)
            {
                var gate = _gate;
                _gate = null;
                return gate;
            }
        }
    }
}
