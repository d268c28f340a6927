using System.Diagnostics;
using System.Text.Json.Nodes;
using Rtvi.Tests.Reliability;

namespace Rtvi.Tests.Audio;

/// <summary>
/// <see cref="RtviBotAudio"/> over a real Kestrel WebSocket in the protobuf framing: pacing at real time within the lead,
/// the speaking events derived from the audio, and the flush on interruption.
/// </summary>
public sealed class BotAudioTests
{
    private const int Rate = 24_000;
    private static readonly TimeSpan s_frame = TimeSpan.FromMilliseconds(20);

    /// <summary>Slack for scheduling and loopback delivery on a busy machine.</summary>
    private static readonly TimeSpan s_slack = TimeSpan.FromMilliseconds(60);

    /// <summary>16-bit mono PCM of <paramref name="milliseconds"/> at 24 kHz, every byte telling its position.</summary>
    internal static byte[] Pcm(int milliseconds, int seed = 0) =>
        Enumerable.Range(0, Rate * milliseconds / 1000 * 2).Select(i => (byte)((i + seed) % 251)).ToArray();

    /// <summary>A server whose client has completed the handshake with <paramref name="version"/> (none: a 0.3 client).</summary>
    internal static async Task<AudioSession> Start(string? version, Action<RtviServerOptions>? configure = null)
    {
        var server = await ReliabilityServer.StartAsync(Wire.WebSocketBinary, configure);
        var client = await AudioClient.ConnectAsync(server);
        await client.Handshake(version);
        return new AudioSession(server, client, await server.NextStarted());
    }

    [Fact]
    public async Task Audio_is_paced_at_real_time_and_the_client_never_holds_more_than_the_lead()
    {
        var lead = TimeSpan.FromMilliseconds(100);
        await using var t = await Start("2.1.0", o => o.BotAudio.Lead = lead);
        var pcm = Pcm(1000);

        var write = Task.Run(async () =>
        {
            var watch = Stopwatch.StartNew();
            Assert.True(await t.Session.BotAudio.WriteAsync(pcm, Rate, 1));
            return watch.Elapsed;
        });
        var received = await t.Client.ReadUntil("bot-stopped-speaking");
        var writing = await write;

        Assert.Equal("bot-started-speaking", received[0].Type);
        var audio = received.Where(r => r.Audio is not null).ToList();
        Assert.Equal(pcm, audio.SelectMany(r => r.Audio!).ToArray());
        Assert.All(audio, r => Assert.Equal(Rate * 2 * s_frame.Milliseconds / 1000, r.Audio!.Length));
        // The writer was held back at real time: all but the lead of one second of audio had to wait.
        Assert.InRange(writing, TimeSpan.FromMilliseconds(1000) - lead - s_frame - s_slack, TimeSpan.FromMilliseconds(1000) + s_slack * 5);
        // Playback starts with the first frame; at no arrival does the client hold more than the lead ahead of it.
        var start = audio[0].At;
        var sent = TimeSpan.Zero;
        foreach (var frame in audio)
        {
            sent += TimeSpan.FromSeconds(frame.Audio!.Length / 2.0 / Rate);
            var ahead = sent - (frame.At - start);
            Assert.True(ahead <= lead + s_frame + s_slack, $"the client held {ahead.TotalMilliseconds:F0} ms ahead at {(frame.At - start).TotalMilliseconds:F0} ms");
        }
        // Stopped once the audio has played, plus the gap.
        var stopped = received[^1].At - start;
        Assert.True(stopped >= TimeSpan.FromMilliseconds(1000) + t.Server.Server.Options.BotAudio.StoppedSpeakingDelay - s_slack, $"stopped at {stopped.TotalMilliseconds:F0} ms");
        Assert.Equal(1, received.Count(r => r.Type == "bot-started-speaking"));
    }

    [Fact]
    public async Task Chunks_of_any_size_arrive_whole_and_in_order_in_frames_of_whole_samples()
    {
        await using var t = await Start("2.1.0", o => o.BotAudio.Lead = TimeSpan.FromSeconds(10));
        var pcm = Pcm(300);
        var sizes = new[] { 1, 3, 777, 4801, 2, 5000, 1 };
        var offset = 0;
        foreach (var size in sizes)
        {
            Assert.True(await t.Session.BotAudio.WriteAsync(pcm.AsMemory(offset, size), Rate, 1));
            offset += size;
        }
        Assert.True(await t.Session.BotAudio.WriteAsync(pcm.AsMemory(offset), Rate, 1));

        var received = await t.Client.ReadUntil("bot-stopped-speaking");
        var audio = received.Where(r => r.Audio is not null).Select(r => r.Audio!).ToList();
        Assert.Equal(pcm, audio.SelectMany(a => a).ToArray());
        Assert.All(audio, a => Assert.True(a.Length % 2 == 0 && a.Length <= 960, $"a frame of {a.Length} bytes"));
        Assert.Equal(["bot-started-speaking", "bot-stopped-speaking"], received.Where(r => r.Message is not null).Select(r => r.Type));
    }

    [Fact]
    public async Task Bad_audio_formats_are_refused_with_a_clear_error()
    {
        await using var t = await Start("2.1.0");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("sampleRate", () => t.Session.BotAudio.WriteAsync(new byte[4], 0, 1).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("numChannels", () => t.Session.BotAudio.WriteAsync(new byte[4], Rate, 9).AsTask());
        var segment = new RtviSpokenSegment(1, "Hi.");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("spokenLength", () => t.Session.BotAudio.WriteAsync(new byte[4], Rate, 1, segment, 4).AsTask());
        Assert.True(await t.Session.BotAudio.WriteAsync(Pcm(20), Rate, 1, segment, 2));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("spokenLength", () => t.Session.BotAudio.WriteAsync(new byte[4], Rate, 1, segment, 1).AsTask());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtviBotAudioOptions { FrameDuration = TimeSpan.Zero }.Validate());
    }

    [Fact]
    public async Task Speaking_events_bracket_each_run_of_audio_and_a_short_pause_continues_the_same_speech()
    {
        await using var t = await Start("2.1.0", o => o.BotAudio.StoppedSpeakingDelay = TimeSpan.FromMilliseconds(500));

        Assert.True(await t.Session.BotAudio.WriteAsync(Pcm(100), Rate, 1));
        Assert.True(t.Session.BotAudio.IsSpeaking);
        await Task.Delay(150); // a pause shorter than the gap: the same speech goes on
        Assert.True(await t.Session.BotAudio.WriteAsync(Pcm(100, seed: 1), Rate, 1));
        var first = await t.Client.ReadUntil("bot-stopped-speaking");
        Assert.False(t.Session.BotAudio.IsSpeaking);
        Assert.True(await t.Session.BotAudio.WriteAsync(Pcm(60, seed: 2), Rate, 1));
        var second = await t.Client.ReadUntil("bot-stopped-speaking");

        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], Collapse(first));
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], Collapse(second));
        Assert.Equal(Pcm(100).Concat(Pcm(100, seed: 1)), first.Where(r => r.Audio is not null).SelectMany(r => r.Audio!));
    }

    [Fact]
    public async Task An_interruption_discards_unsent_audio_releases_the_writers_and_stops_speaking_at_once()
    {
        var lead = TimeSpan.FromMilliseconds(100);
        await using var t = await Start("2.1.0", o => o.BotAudio.Lead = lead);

        var watch = Stopwatch.StartNew();
        var writing = t.Session.BotAudio.WriteAsync(Pcm(10_000), Rate, 1).AsTask();
        // Queued behind it, with the turn's token: the interruption cancels it before it sends anything.
        var queued = t.Session.BotAudio.WriteAsync(Pcm(1000), Rate, 1, t.Session.InterruptionToken).AsTask();
        var before = new List<Received>();
        while (before.Count(r => r.Audio is not null) < 10)
        {
            before.Add(await t.Client.Next());
        }
        await t.Session.InterruptAsync();
        var interrupted = watch.Elapsed;

        Assert.False(await writing.WaitAsync(TimeSpan.FromSeconds(5)), "the write in progress returns false");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(t.Session.BotAudio.IsSpeaking);
        var after = await t.Client.ReadUntil("bot-interrupted");
        // Frames already on their way may still arrive, then the stop: nothing of the ten seconds after it.
        var stop = after.FindIndex(r => r.Type == "bot-stopped-speaking");
        Assert.True(stop >= 0, string.Join("\n", after));
        Assert.All(after.Skip(stop + 1), r => Assert.NotNull(r.Message));
        var audio = before.Concat(after).Where(r => r.Audio is not null).Sum(r => r.Audio!.Length) / 2.0 / Rate;
        // No more than real time plus the lead went out before the interruption, nothing after it.
        Assert.True(TimeSpan.FromSeconds(audio) <= interrupted + lead + s_frame, $"{audio:F3} s of audio was sent in {interrupted.TotalSeconds:F3} s");

        // New audio is a new speech.
        Assert.True(await t.Session.BotAudio.WriteAsync(Pcm(60), Rate, 1));
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], Collapse(await t.Client.ReadUntil("bot-stopped-speaking")));
    }

    [Fact]
    public async Task Send_audio_goes_through_the_paced_output()
    {
        await using var t = await Start(null, o => o.BotAudio.Lead = TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        await t.Session.SendAudioAsync(Pcm(500), Rate, 1);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(500 - 100 - 20) - s_slack, $"the write took {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], Collapse(await t.Client.ReadUntil("bot-stopped-speaking")));
    }

    /// <summary>The types received, with each run of audio frames as one "audio".</summary>
    internal static List<string> Collapse(IEnumerable<Received> received)
    {
        var types = new List<string>();
        foreach (var r in received)
        {
            if (r.Type != "audio" || types.Count == 0 || types[^1] != "audio")
            {
                types.Add(r.Type);
            }
        }
        return types;
    }

    internal static string Text(JsonObject message) => (string)message["data"]!["text"]!;
}
