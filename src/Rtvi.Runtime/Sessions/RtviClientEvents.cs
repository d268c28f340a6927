using System.Text.Json;

namespace Rtvi;

/// <summary>The protocol generation a client speaks, decided from its <c>client-ready</c> and the server's mode.</summary>
public enum RtviClientGeneration
{
    /// <summary>0.3.0 (services/options/actions; no version in <c>client-ready</c>).</summary>
    V0_3,
    /// <summary>1.x legacy: <c>bot-ready</c> echoes the client's version.</summary>
    V1,
    /// <summary>2.x.</summary>
    V2,
}

/// <summary>The client's <c>client-ready</c>: its version (as sent) and <c>about</c>.</summary>
public sealed record RtviClientReady(string? Version, JsonElement? About);

/// <summary><c>send-text</c>: text to add to the conversation.</summary>
public sealed record RtviSendText(string Content, bool RunImmediately, bool AudioResponse);

/// <summary><c>append-to-context</c> (1.x legacy).</summary>
public sealed record RtviAppendToContext(string Role, JsonElement Content, bool RunImmediately);

/// <summary><c>dtmf</c>: keypresses in order, each one of 0-9, * and #.</summary>
public sealed record RtviDtmf(IReadOnlyList<string> Buttons);

/// <summary><c>ui-event</c>.</summary>
public sealed record RtviUiEvent(string Event, JsonElement? Payload);

/// <summary><c>ui-snapshot</c>: the accessibility tree of the client's UI.</summary>
public sealed record RtviUiSnapshot(JsonElement Tree);

/// <summary><c>ui-cancel-job-group</c>.</summary>
public sealed record RtviUiCancelJobGroup(string JobId, string? Reason);

/// <summary>A chunk of client audio: 16-bit little-endian PCM.</summary>
public sealed record RtviAudioFrame(ReadOnlyMemory<byte> Pcm, int SampleRate, int NumChannels);
