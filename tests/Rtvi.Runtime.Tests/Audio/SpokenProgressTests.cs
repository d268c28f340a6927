using System.Text.Json.Nodes;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Audio;

/// <summary>
/// Audio written for a spoken segment reports its progress to 2.x clients (<c>bot-output</c> with <c>spoken_status</c>
/// and <c>spoken_progress</c>) as it plays; 1.x and 0.3 clients get only what they got before.
/// </summary>
public sealed class SpokenProgressTests
{
    private const int Rate = 24_000;

    [Fact]
    public async Task A_2x_client_gets_the_progress_of_a_segment_as_its_audio_plays()
    {
        await using var t = await BotAudioTests.Start("2.1.0", o => o.BotAudio.StoppedSpeakingDelay = TimeSpan.FromMilliseconds(200));
        var segment = new RtviSpokenSegment(7, "Hello there.");

        // Read while the audio is written, so that arrival times are those of the sends.
        var reading = t.Client.ReadUntil("bot-stopped-speaking");
        await t.Session.Events.BotOutputAsync(segment.Text, segmentId: segment.SegmentId);
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(200), Rate, 1, segment, 6));
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(200, seed: 1), Rate, 1, segment, 12));
        var received = await reading;

        Assert.Equal(["bot-output", "bot-started-speaking", "bot-output", "bot-output", "bot-stopped-speaking"], received.Where(r => r.Message is not null).Select(r => r.Type));
        var outputs = received.Where(r => r.Type == "bot-output").ToList();
        Assert.True(received.FindLastIndex(r => r.Audio is not null) < received.IndexOf(outputs[2]), "the segment completes after its last audio");
        Assert.Equal(BotAudioTests.Pcm(200).Concat(BotAudioTests.Pcm(200, seed: 1)), received.Where(r => r.Audio is not null).SelectMany(r => r.Audio!));
        Expect(outputs[0], "{'text':'Hello there.','aggregated_by':'sentence','segment_id':7,'spoken':true,'will_be_spoken':true}");
        Expect(outputs[1], "{'text':'Hello there.','aggregated_by':'sentence','segment_id':7,'will_be_spoken':true,'spoken_status':'in-progress','spoken_progress':{'accumulated_text':'Hello ','remaining_text':'there.'}}");
        Expect(outputs[2], "{'text':'Hello there.','aggregated_by':'sentence','segment_id':7,'will_be_spoken':true,'spoken_status':'completed','spoken_progress':{'accumulated_text':'Hello there.','remaining_text':''}}");
        // Each report comes when its audio has played, counted from the first frame.
        var start = received.First(r => r.Audio is not null).At;
        var slack = TimeSpan.FromMilliseconds(30);
        Assert.True(outputs[1].At - start >= TimeSpan.FromMilliseconds(200) - slack, $"in-progress at {(outputs[1].At - start).TotalMilliseconds:F0} ms");
        Assert.True(outputs[2].At - start >= TimeSpan.FromMilliseconds(400) - slack, $"completed at {(outputs[2].At - start).TotalMilliseconds:F0} ms");
    }

    [Theory]
    [InlineData("1.2.0")]
    [InlineData(null)]
    public async Task Older_clients_get_no_progress(string? version)
    {
        await using var t = await BotAudioTests.Start(version, o => o.BotAudio.StoppedSpeakingDelay = TimeSpan.FromMilliseconds(100));
        var segment = new RtviSpokenSegment(1, "Hi there.");
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(100), Rate, 1, segment, 3));
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(100), Rate, 1, segment, 9));
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], BotAudioTests.Collapse(await t.Client.ReadUntil("bot-stopped-speaking")));
    }

    [Fact]
    public async Task An_interruption_forgets_the_progress_still_to_come()
    {
        await using var t = await BotAudioTests.Start("2.1.0", o => o.BotAudio.Lead = TimeSpan.FromSeconds(2));
        var segment = new RtviSpokenSegment(3, "Never finished.");
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(1000), Rate, 1, segment, segment.Text.Length));
        await t.Session.InterruptAsync();
        await t.Session.Events.ServerMessageAsync(System.Text.Json.JsonDocument.Parse("{\"after\":true}").RootElement);

        var received = await t.Client.ReadUntil("server-message");
        Assert.DoesNotContain(received, r => r.Type == "bot-output");
        Assert.Contains(received, r => r.Type == "bot-stopped-speaking");
    }

    private static void Expect(Received received, string data)
    {
        var want = JsonNode.Parse(Quote(data));
        Assert.True(JsonNode.DeepEquals(want, received.Message!["data"]), $"Expected {want!.ToJsonString()}\n     got {received.Message!["data"]!.ToJsonString()}");
    }
}
