using System.Text.Json;
using Rtvi.Protocol;
using static Rtvi.Protocol.RtviMessageTypes;

namespace Rtvi;

public sealed partial class RtviSession
{
    private static readonly string[] s_dtmfKeys = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"];

    /// <summary>Validates a fire-and-forget app message and hands it to its hook on the event lane (audio: inline).</summary>
    private async ValueTask HandleAppMessageAsync(string type, JsonElement data)
    {
        var hooks = _server.Options.Hooks;
        switch (type)
        {
            case SendText:
            {
                PayloadReader.RequireObject(data, "data");
                var content = PayloadReader.RequireString(PayloadReader.Member(data, "content"), "content");
                var options = PayloadReader.Member(data, "options");
                if (options.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
                {
                    PayloadReader.RequireObject(options, "options");
                }
                var request = new RtviSendText(
                    content,
                    PayloadReader.OptionalBool(PayloadReader.Member(options, "run_immediately"), "options.run_immediately", true),
                    PayloadReader.OptionalBool(PayloadReader.Member(options, "audio_response"), "options.audio_response", true));
                if (request.RunImmediately)
                {
                    await InterruptAsync().ConfigureAwait(false);
                }
                await PostEventAsync(nameof(hooks.OnSendText), hooks.OnSendText, request).ConfigureAwait(false);
                break;
            }
            case AppendToContext:
            {
                PayloadReader.RequireObject(data, "data");
                var request = new RtviAppendToContext(
                    PayloadReader.RequireString(PayloadReader.Member(data, "role"), "role"),
                    PayloadReader.RequirePresent(PayloadReader.Member(data, "content"), "content"),
                    PayloadReader.OptionalBool(PayloadReader.Member(data, "run_immediately"), "run_immediately", false));
                if (request.RunImmediately)
                {
                    await InterruptAsync().ConfigureAwait(false);
                }
                await PostEventAsync(nameof(hooks.OnAppendToContext), hooks.OnAppendToContext, request).ConfigureAwait(false);
                break;
            }
            case Dtmf:
            {
                PayloadReader.RequireObject(data, "data");
                var buttons = PayloadReader.RequireArray(PayloadReader.Member(data, "buttons"), "buttons");
                var keys = new List<string>();
                foreach (var button in buttons.EnumerateArray())
                {
                    var key = button.ValueKind == JsonValueKind.String ? button.GetString()! : null;
                    if (key is null || Array.IndexOf(s_dtmfKeys, key) < 0)
                    {
                        throw new PayloadException("'buttons' must hold keys 0-9, * or #");
                    }
                    keys.Add(key);
                }
                if (keys.Count == 0)
                {
                    throw new PayloadException("'buttons' must hold at least one key");
                }
                await PostEventAsync(nameof(hooks.OnDtmf), hooks.OnDtmf, new RtviDtmf(keys)).ConfigureAwait(false);
                break;
            }
            case UiEvent:
            {
                PayloadReader.RequireObject(data, "data");
                var payload = PayloadReader.Member(data, "payload");
                var request = new RtviUiEvent(
                    PayloadReader.RequireString(PayloadReader.Member(data, "event"), "event"),
                    payload.ValueKind == JsonValueKind.Undefined ? null : payload);
                await PostEventAsync(nameof(hooks.OnUiEvent), hooks.OnUiEvent, request).ConfigureAwait(false);
                break;
            }
            case UiSnapshot:
            {
                PayloadReader.RequireObject(data, "data");
                var tree = PayloadReader.RequireObject(PayloadReader.Member(data, "tree"), "tree");
                PayloadReader.RequireObject(PayloadReader.Member(tree, "root"), "tree.root");
                if (PayloadReader.Member(tree, "captured_at").ValueKind != JsonValueKind.Number)
                {
                    throw new PayloadException("'tree.captured_at' must be a number");
                }
                await PostEventAsync(nameof(hooks.OnUiSnapshot), hooks.OnUiSnapshot, new RtviUiSnapshot(tree)).ConfigureAwait(false);
                break;
            }
            case UiCancelJobGroup:
            {
                PayloadReader.RequireObject(data, "data");
                var request = new RtviUiCancelJobGroup(
                    PayloadReader.RequireString(PayloadReader.Member(data, "job_id"), "job_id"),
                    PayloadReader.OptionalString(PayloadReader.Member(data, "reason"), "reason"));
                await PostEventAsync(nameof(hooks.OnUiCancelJobGroup), hooks.OnUiCancelJobGroup, request).ConfigureAwait(false);
                break;
            }
            case RawAudio:
            {
                PayloadReader.RequireObject(data, "data");
                var pcm = DecodeBase64(PayloadReader.RequireString(PayloadReader.Member(data, "base64Audio"), "base64Audio"), "base64Audio");
                var (rate, channels) = ReadAudioFormat(data);
                await DeliverAudioAsync(new RtviAudioFrame(pcm, rate, channels)).ConfigureAwait(false);
                break;
            }
            case RawAudioBatch:
            {
                PayloadReader.RequireObject(data, "data");
                var batch = PayloadReader.RequireArray(PayloadReader.Member(data, "base64AudioBatch"), "base64AudioBatch");
                var (rate, channels) = ReadAudioFormat(data);
                var chunks = new List<byte[]>();
                var i = 0;
                foreach (var item in batch.EnumerateArray())
                {
                    var at = PayloadReader.Indexed("base64AudioBatch", i++);
                    chunks.Add(DecodeBase64(PayloadReader.RequireString(item, at), at));
                }
                foreach (var chunk in chunks)
                {
                    await DeliverAudioAsync(new RtviAudioFrame(chunk, rate, channels)).ConfigureAwait(false);
                }
                break;
            }
        }
    }

    private static (int Rate, int Channels) ReadAudioFormat(JsonElement data)
    {
        var rate = PayloadReader.RequireInt32(PayloadReader.Member(data, "sampleRate"), "sampleRate");
        var channels = PayloadReader.RequireInt32(PayloadReader.Member(data, "numChannels"), "numChannels");
        if (rate <= 0 || channels <= 0)
        {
            throw new PayloadException("'sampleRate' and 'numChannels' must be positive");
        }
        return (rate, channels);
    }

    private static byte[] DecodeBase64(string text, string name)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written)
            ? buffer[..written]
            : throw new PayloadException($"'{name}' must be base64");
    }

    private ValueTask DeliverAudioAsync(RtviAudioFrame frame) =>
        RunHookAsync("OnAudio", _server.Options.Hooks.OnAudio, (h, s, ct) => h(s, frame, ct), _ended.Token);

    /// <summary>Queues an app hook on the event lane with a token cancelled by the next interruption or session end.</summary>
    private ValueTask PostEventAsync<T>(string name, Func<RtviSession, T, CancellationToken, ValueTask>? hook, T request)
    {
        if (hook is null)
        {
            return default;
        }
        var interruption = InterruptionToken;
        return EnqueueLaneAsync(_eventLane, null, async () =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(interruption, _ended.Token);
            await RunHookAsync(name, hook, (h, s, ct) => h(s, request, ct), linked.Token).ConfigureAwait(false);
        });
    }
}
