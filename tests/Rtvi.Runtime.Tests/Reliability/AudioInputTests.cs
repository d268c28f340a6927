using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Threading.Channels;
using Rtvi.Transports;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>
/// <see cref="RtviSession.ReadAudioAsync"/> over a real Kestrel WebSocket in the official client's protobuf framing:
/// <c>audio</c> frames and <c>raw-audio</c> / <c>raw-audio-batch</c> messages arrive in order, a reader that falls behind
/// loses the oldest frames within the byte and frame limits (never blocking control messages), and the stream ends with
/// the session.
/// </summary>
public sealed class AudioInputTests
{
    private const int FrameBytes = 3200; // 100 ms of 16 kHz mono PCM16

    /// <summary>A frame of <paramref name="bytes"/> whose first four bytes are <paramref name="index"/>.</summary>
    private static byte[] Pcm(int index, int bytes = FrameBytes)
    {
        var pcm = new byte[bytes];
        pcm.AsSpan(4).Fill((byte)index);
        BinaryPrimitives.WriteInt32LittleEndian(pcm, index);
        return pcm;
    }

    private static int IndexOf(RtviAudioFrame frame) => BinaryPrimitives.ReadInt32LittleEndian(frame.Pcm.Span);

    private static Task SendAudio(WireClient client, byte[] pcm, int sampleRate = 16000) =>
        ((WebSocketWireClient)client).Socket.SendAsync(PipecatFrameCodec.EncodeAudioFrame(pcm, sampleRate, 1), WebSocketMessageType.Binary, true, CancellationToken.None);

    private static string RawAudio(string id, byte[] pcm) =>
        Msg("raw-audio", id, "{'base64Audio':'" + Convert.ToBase64String(pcm) + "','sampleRate':24000,'numChannels':1}");

    /// <summary>A server whose sessions open their audio stream when they start; <paramref name="read"/> consumes it.</summary>
    private static Task<ReliabilityServer> Start(Func<RtviSession, IAsyncEnumerable<RtviAudioFrame>, Task>? read, Action<RtviLimits>? limits = null) =>
        ReliabilityServer.StartAsync(Wire.WebSocketBinary, o =>
        {
            limits?.Invoke(o.Limits);
            o.Hooks.OnSessionStarted = (session, cancellationToken) =>
            {
                var stream = session.ReadAudioAsync();
                if (read is not null)
                {
                    _ = Task.Run(() => read(session, stream), CancellationToken.None);
                }
                return default;
            };
        });

    [Fact]
    public async Task Audio_frames_and_raw_audio_messages_arrive_in_order_with_their_format_and_bytes()
    {
        var frames = Channel.CreateUnbounded<RtviAudioFrame>();
        await using var server = await Start(async (_, stream) =>
        {
            await foreach (var frame in stream)
            {
                await frames.Writer.WriteAsync(frame);
            }
            frames.Writer.Complete();
        });
        await using var client = await server.Connect();
        await client.Handshake();

        await SendAudio(client, Pcm(1));
        await client.Send(RawAudio("r1", Pcm(2, 640)));
        await client.Send(Msg("raw-audio-batch", "raw-audio-batch",
            "{'base64AudioBatch':['" + Convert.ToBase64String(Pcm(3, 320)) + "','" + Convert.ToBase64String(Pcm(4, 320)) + "'],'sampleRate':24000,'numChannels':1}"));
        await SendAudio(client, Pcm(5), sampleRate: 8000);

        var received = new List<RtviAudioFrame>();
        while (received.Count < 5)
        {
            received.Add(await frames.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.Equal([1, 2, 3, 4, 5], received.Select(IndexOf));
        Assert.Equal([16000, 24000, 24000, 24000, 8000], received.Select(f => f.SampleRate));
        Assert.Equal([FrameBytes, 640, 320, 320, FrameBytes], received.Select(f => f.Pcm.Length));
        Assert.All(received, f => Assert.Equal(Pcm(IndexOf(f), f.Pcm.Length), f.Pcm.ToArray()));
    }

    [Fact]
    public async Task A_reader_that_never_reads_keeps_at_most_the_byte_limit_and_control_messages_are_answered()
    {
        IAsyncEnumerable<RtviAudioFrame>? unread = null;
        await using var server = await Start((_, stream) =>
        {
            unread = stream;
            return Task.CompletedTask;
        }, limits => limits.MaxAudioInputBytes = 20 * FrameBytes + 100);
        await using var client = await server.Connect();
        await client.Handshake();
        var session = await server.NextStarted();

        for (var i = 0; i < 200; i++)
        {
            await SendAudio(client, Pcm(i));
        }
        // Answered by the dispatcher after every frame before it: the audio never held it up.
        await client.Send(Msg("get-config", "g1", "{}"));
        await client.ExpectType("config", "g1");

        Assert.Equal(20 * FrameBytes, session.AudioInputBytes);
        Assert.Equal(180, session.DroppedAudioFrames);
        Assert.Contains(server.Log.Messages(Microsoft.Extensions.Logging.LogLevel.Warning), m => m.Contains("audio reader fell behind", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(180, 20), await TakeAsync(unread!, 20));
    }

    [Fact]
    public async Task The_frame_limit_bounds_small_frames_too()
    {
        IAsyncEnumerable<RtviAudioFrame>? unread = null;
        await using var server = await Start((_, stream) =>
        {
            unread = stream;
            return Task.CompletedTask;
        }, limits => limits.MaxAudioInputFrames = 5);
        await using var client = await server.Connect();
        await client.Handshake();
        var session = await server.NextStarted();

        for (var i = 0; i < 50; i++)
        {
            await SendAudio(client, Pcm(i, 8));
        }
        await client.Send(Msg("get-config", "g1", "{}"));
        await client.ExpectType("config", "g1");

        Assert.Equal(45, session.DroppedAudioFrames);
        Assert.Equal(Enumerable.Range(45, 5), await TakeAsync(unread!, 5));
    }

    [Fact]
    public async Task The_stream_ends_after_the_queued_frames_when_the_session_ends()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var read = new TaskCompletionSource<List<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await Start(async (_, stream) =>
        {
            // Starts reading only once the session is over: what was queued still arrives, then the stream ends.
            await gate.Task;
            var indices = new List<int>();
            await foreach (var frame in stream)
            {
                indices.Add(IndexOf(frame));
            }
            read.SetResult(indices);
        });
        await using var client = await server.Connect();
        await client.Handshake();

        await SendAudio(client, Pcm(7));
        await SendAudio(client, Pcm(8));
        await client.Send(Msg("disconnect-bot", "d1", "{}"));
        await client.ReadToEnd();
        await server.NextEnded();
        gate.SetResult();

        Assert.Equal([7, 8], await read.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Nothing_is_kept_for_a_session_that_never_asked_for_its_audio_and_one_reader_at_a_time()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.WebSocketBinary);
        await using var client = await server.Connect();
        await client.Handshake();
        var session = await server.NextStarted();

        await SendAudio(client, Pcm(1));
        await client.Send(Msg("get-config", "g1", "{}"));
        await client.ExpectType("config", "g1");
        var stream = session.ReadAudioAsync();
        await using var first = stream.GetAsyncEnumerator();
        var pending = first.MoveNextAsync();

        Assert.Equal(0, session.AudioInputBytes);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await session.ReadAudioAsync().GetAsyncEnumerator().MoveNextAsync());
        await SendAudio(client, Pcm(2));
        Assert.True(await pending.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, IndexOf(first.Current));
    }

    private static async Task<List<int>> TakeAsync(IAsyncEnumerable<RtviAudioFrame> stream, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var indices = new List<int>();
        await foreach (var frame in stream.WithCancellation(timeout.Token))
        {
            indices.Add(IndexOf(frame));
            if (indices.Count == count)
            {
                break;
            }
        }
        return indices;
    }
}
