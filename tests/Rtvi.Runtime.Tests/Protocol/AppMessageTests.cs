using System.Threading.Channels;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class AppMessageTests
{
    private static (Transcript T, Channel<object> Seen) Start(RtviProtocolMode mode = RtviProtocolMode.V2, Action<RtviServerOptions>? configure = null)
    {
        var seen = Channel.CreateUnbounded<object>();
        var t = Fixture(mode, o =>
        {
            o.Hooks.OnSendText = (_, m, _) => seen.Writer.WriteAsync(m);
            o.Hooks.OnAppendToContext = (_, m, _) => seen.Writer.WriteAsync(m);
            o.Hooks.OnDtmf = (_, m, _) => seen.Writer.WriteAsync(m);
            o.Hooks.OnUiEvent = (_, m, _) => seen.Writer.WriteAsync(m);
            o.Hooks.OnUiSnapshot = (_, m, _) => seen.Writer.WriteAsync(m);
            o.Hooks.OnUiCancelJobGroup = (_, m, _) => seen.Writer.WriteAsync(m);
            o.Hooks.OnAudio = (_, m, _) => seen.Writer.WriteAsync(m);
            configure?.Invoke(o);
        });
        return (t, seen);
    }

    private static async Task<T> Next<T>(Channel<object> seen) =>
        Assert.IsType<T>(await seen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

    [Fact]
    public async Task Send_text_interrupts_the_bot_and_reaches_the_hook()
    {
        var (t, seen) = Start();
        await using var _ = t;
        await t.Handshake("2.1.0");
        await t.Send(Msg("send-text", "s1", "{'content':'What is up?','options':{}}"));
        await t.Expect("{'label':'rtvi-ai','type':'bot-interrupted'}");
        Assert.Equal(new RtviSendText("What is up?", true, true), await Next<RtviSendText>(seen));
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task Send_text_without_run_immediately_does_not_interrupt()
    {
        var (t, seen) = Start();
        await using var _ = t;
        await t.Handshake("2.1.0");
        await t.Send(Msg("send-text", "s1", "{'content':'later','options':{'run_immediately':false,'audio_response':false}}"));
        Assert.Equal(new RtviSendText("later", false, false), await Next<RtviSendText>(seen));
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task A_new_interruption_cancels_the_running_send_text_hook()
    {
        var cancelled = new TaskCompletionSource();
        var (t, _) = Start(configure: o => o.Hooks.OnSendText = async (_, m, ct) =>
        {
            if (m.Content == "first")
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }
            }
        });
        await using var __ = t;
        await t.Handshake("2.1.0");
        await t.Send(Msg("send-text", "s1", "{'content':'first'}"));
        await t.Send(Msg("send-text", "s2", "{'content':'second'}"));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Append_to_context_reaches_the_hook()
    {
        var (t, seen) = Start();
        await using var _ = t;
        await t.Handshake("1.0.0");
        await t.Send(Msg("append-to-context", "a1", "{'role':'user','content':'Hi','run_immediately':false}"));
        var message = await Next<RtviAppendToContext>(seen);
        Assert.Equal("user", message.Role);
        Assert.Equal("Hi", message.Content.GetString());
        Assert.False(message.RunImmediately);
    }

    [Fact]
    public async Task Dtmf_keys_reach_the_hook_in_order()
    {
        var (t, seen) = Start();
        await using var _ = t;
        await t.Handshake("2.1.0");
        await t.Send(Msg("dtmf", "d1", "{'buttons':['1','2','#']}"));
        Assert.Equal(["1", "2", "#"], (await Next<RtviDtmf>(seen)).Buttons);
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task Ui_messages_reach_their_hooks()
    {
        var (t, seen) = Start();
        await using var _ = t;
        await t.Handshake("2.1.0");
        await t.Send(Msg("ui-event", "u1", "{'event':'nav_click','payload':{'view':'home'}}"));
        Assert.Equal("nav_click", (await Next<RtviUiEvent>(seen)).Event);
        await t.Send(Msg("ui-snapshot", "u2", "{'tree':{'root':{'ref':'e1','role':'main','name':'Home','state':['focused'],'level':1,'extra':{'any':true},'children':[{'ref':'e2','role':'button','name':'Save','value':'7'}]},'captured_at':1750000000000,'selection':{'ref':'e2','text':'Sa','start_offset':0,'end_offset':2}}}"));
        Assert.Equal("main", (await Next<RtviUiSnapshot>(seen)).Tree.GetProperty("root").GetProperty("role").GetString());
        await t.Send(Msg("ui-cancel-job-group", "u3", "{'job_id':'job-1','reason':'user cancelled'}"));
        Assert.Equal(new RtviUiCancelJobGroup("job-1", "user cancelled"), await Next<RtviUiCancelJobGroup>(seen));
        await t.ExpectQuiet();
    }

    [Theory]
    [InlineData("send-text", "{'options':{}}", "'content' is required")]
    [InlineData("send-text", "{'content':'x','options':[]}", "'options' must be an object")]
    [InlineData("append-to-context", "{'role':'user'}", "'content' is required")]
    [InlineData("dtmf", "{'button':'1'}", "'buttons' is required")]
    [InlineData("dtmf", "{'buttons':[]}", "'buttons' must hold at least one key")]
    [InlineData("dtmf", "{'buttons':['A']}", "'buttons' must hold keys 0-9, * or #")]
    [InlineData("ui-event", "{'payload':{}}", "'event' is required")]
    [InlineData("ui-snapshot", "{'tree':{'root':{}}}", "'tree.captured_at' is required")]
    [InlineData("ui-snapshot", "{'tree':{'root':{},'captured_at':1}}", "'tree.root.ref' is required")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1'},'captured_at':1}}", "'tree.root.role' is required")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':1,'role':'main'},'captured_at':1}}", "'tree.root.ref' must be a string")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1','role':'main'},'captured_at':1.5}}", "'tree.captured_at' must be an integer")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1','role':'main','children':[{'ref':'e2','role':'button'},{'ref':'e3'}]},'captured_at':1}}", "'tree.root.children[1].role' is required")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1','role':'main','children':{}},'captured_at':1}}", "'tree.root.children' must be an array")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1','role':'main','state':['ok',2]},'captured_at':1}}", "'tree.root.state[1]' must be a string")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1','role':'main','level':'top'},'captured_at':1}}", "'tree.root.level' must be an integer")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1','role':'main','name':5},'captured_at':1}}", "'tree.root.name' must be a string")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1','role':'main'},'captured_at':1,'selection':{'ref':'e1'}}}", "'tree.selection.text' is required")]
    [InlineData("ui-snapshot", "{'tree':{'root':{'ref':'e1','role':'main'},'captured_at':1,'selection':{'ref':'e1','text':'x','start_offset':'0'}}}", "'tree.selection.start_offset' must be an integer")]
    [InlineData("ui-cancel-job-group", "{'reason':'x'}", "'job_id' is required")]
    [InlineData("raw-audio", "{'base64Audio':'***','sampleRate':16000,'numChannels':1}", "'base64Audio' must be base64")]
    [InlineData("raw-audio", "{'base64Audio':'AAAA','sampleRate':'fast','numChannels':1}", "'sampleRate' must be an integer")]
    [InlineData("raw-audio-batch", "{'base64AudioBatch':['AAAA',1],'sampleRate':16000,'numChannels':1}", "'base64AudioBatch[1]' must be a string")]
    public async Task Invalid_payloads_get_invalid_message(string type, string data, string reason)
    {
        var (t, _) = Start();
        await using var __ = t;
        await t.Handshake("2.1.0");
        await t.Send(Msg(type, "x1", data));
        var error = await t.ExpectType("error-response", "x1");
        Assert.Equal("Invalid message: " + reason, (string?)error["data"]!["error"]);
    }

    [Fact]
    public async Task Raw_audio_is_decoded_and_delivered()
    {
        var (t, seen) = Start(RtviProtocolMode.V0_3);
        await using var _ = t;
        await t.Handshake();
        await t.Send(Msg("raw-audio", "r1", "{'base64Audio':'AQIDBA==','sampleRate':16000,'numChannels':1}"));
        var frame = await Next<RtviAudioFrame>(seen);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, frame.Pcm.ToArray());
        Assert.Equal(16000, frame.SampleRate);
        await t.Send(Msg("raw-audio-batch", "raw-audio-batch", "{'base64AudioBatch':['AQI=','AwQ='],'sampleRate':8000,'numChannels':2}"));
        Assert.Equal(new byte[] { 1, 2 }, (await Next<RtviAudioFrame>(seen)).Pcm.ToArray());
        Assert.Equal(new byte[] { 3, 4 }, (await Next<RtviAudioFrame>(seen)).Pcm.ToArray());
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task Transport_audio_frames_are_delivered()
    {
        var (t, seen) = Start(RtviProtocolMode.V0_3);
        await using var _ = t;
        await t.Connection.ClientSendAudioAsync([9, 8], 16000, 1);
        Assert.Equal(new byte[] { 9, 8 }, (await Next<RtviAudioFrame>(seen)).Pcm.ToArray());
    }

    [Fact]
    public async Task A_throwing_hook_does_not_end_the_session()
    {
        var (t, _) = Start(configure: o => o.Hooks.OnDtmf = (_, _, _) => throw new InvalidOperationException("bad hook"));
        await using var __ = t;
        await t.Handshake("2.1.0");
        await t.Send(Msg("dtmf", "d1", "{'buttons':['1']}"));
        await t.ExpectQuiet();
        await t.Send(Msg("client-message", "m1", "{'t':'test.echo','d':1}"));
        await t.ExpectType("server-response", "m1");
    }
}
