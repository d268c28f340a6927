using Rtvi.Sessions;

namespace Rtvi.Tests.Reliability;

/// <summary>The session loops' queue: one waiting reader woken by a write or the completion, never on the writer's thread.</summary>
public sealed class SlimQueueTests
{
    private static readonly ThreadLocal<bool> s_insideWrite = new();

    [Fact]
    public async Task A_waiting_reader_is_woken_by_a_write_from_another_thread_and_never_runs_inside_the_write()
    {
        var queue = new SlimQueue<int>();
        var ranInsideWrite = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = ReadOneAsync();
        await Task.Run(() =>
        {
            s_insideWrite.Value = true;
            Assert.True(queue.TryWrite(7));
            s_insideWrite.Value = false;
        });
        Assert.False(await ranInsideWrite.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(7, await reading);

        async Task<int> ReadOneAsync()
        {
            var wait = queue.WaitToReadAsync();
            Assert.False(wait.IsCompleted);
            Assert.True(await wait.ConfigureAwait(false));
            ranInsideWrite.SetResult(s_insideWrite.Value);
            Assert.True(queue.TryRead(out var item));
            Assert.False(queue.TryRead(out _));
            return item;
        }
    }

    [Fact]
    public async Task Completing_wakes_the_reader_with_false_only_once_the_queue_is_drained()
    {
        var queue = new SlimQueue<string>();
        var wait = queue.WaitToReadAsync();
        Assert.True(queue.TryComplete());
        Assert.False(await wait);

        var drained = new SlimQueue<string>();
        drained.TryWrite("a");
        drained.TryComplete();
        Assert.False(drained.TryWrite("b"));
        Assert.Equal(1, drained.Count);
        Assert.True(await drained.WaitToReadAsync());
        Assert.True(drained.TryRead(out var a));
        Assert.Equal("a", a);
        Assert.False(await drained.WaitToReadAsync());
    }

    [Fact]
    public void A_second_reader_waiting_at_the_same_time_is_refused()
    {
        var queue = new SlimQueue<int>();
        _ = queue.WaitToReadAsync();
        Assert.Throws<InvalidOperationException>(() => queue.WaitToReadAsync());
    }

    [Fact]
    public async Task Many_writers_and_one_reader_lose_nothing_and_keep_each_writers_order()
    {
        const int writers = 8, each = 5_000;
        var queue = new SlimQueue<(int Writer, int Sequence)>();
        var reader = Task.Run(async () =>
        {
            var last = Enumerable.Repeat(-1, writers).ToArray();
            var count = 0;
            while (await queue.WaitToReadAsync())
            {
                while (queue.TryRead(out var item))
                {
                    Assert.Equal(last[item.Writer] + 1, item.Sequence);
                    last[item.Writer] = item.Sequence;
                    count++;
                }
            }
            return count;
        });
        using var start = new Barrier(writers);
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < each; i++)
            {
                Assert.True(queue.TryWrite((w, i)));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        queue.TryComplete();
        Assert.Equal(writers * each, await reader.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
