using System.Buffers;
using System.Text.Json;

namespace Rtvi.Protocol;

/// <summary>
/// Builds outbound RTVI envelopes with <see cref="Utf8JsonWriter"/> into a per-thread buffer and returns the exact bytes.
/// Responses carry the request id; events never carry one; <c>data</c> is omitted when there is none.
/// </summary>
internal static class MessageWriter
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private static readonly JsonWriterOptions s_options = new() { SkipValidation = false, Indented = false };

    public static byte[] Build(string type, string? id) => Build<object?>(type, id, null, null);

    public static byte[] Build<TState>(string type, string? id, TState state, Action<Utf8JsonWriter, TState>? writeData)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, s_options);
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("label"u8, RtviMessageTypes.Label);
            writer.WriteString("type"u8, type);
            if (id is not null)
            {
                writer.WriteString("id"u8, id);
            }
            if (writeData is not null)
            {
                writer.WritePropertyName("data"u8);
                writeData(writer, state);
            }
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        catch
        {
            // A half-written message must not poison the next one built on this thread.
            t_writer = null;
            throw;
        }
        finally
        {
            if (buffer.Capacity > 1024 * 1024)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }

    public static byte[] ErrorResponse(string id, string error) =>
        Build(RtviMessageTypes.ErrorResponse, id, error, static (w, e) =>
        {
            w.WriteStartObject();
            w.WriteString("error"u8, e);
            w.WriteEndObject();
        });

    public static byte[] ErrorEvent(string error, bool fatal) =>
        Build(RtviMessageTypes.Error, null, (error, fatal), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("error"u8, s.error);
            w.WriteBoolean("fatal"u8, s.fatal);
            w.WriteEndObject();
        });

    /// <summary>An event whose data is <c>{"text": text}</c>.</summary>
    public static byte[] TextEvent(string type, string text) =>
        Build(type, null, text, static (w, t) =>
        {
            w.WriteStartObject();
            w.WriteString("text"u8, t);
            w.WriteEndObject();
        });
}
