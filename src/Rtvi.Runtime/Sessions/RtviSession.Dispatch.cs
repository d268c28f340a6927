using System.Text.Json;
using Rtvi.Protocol;
using Rtvi.Transports;
using static Rtvi.Protocol.RtviMessageTypes;

namespace Rtvi;

public sealed partial class RtviSession
{
    private readonly Queue<(ReadOnlyMemory<byte> Message, Envelope Envelope)> _held = new();

    /// <summary>How a message type is treated in the current mode.</summary>
    private enum Route { Unsupported, Immediate, StateChanging }

    private Route RouteOf(string type)
    {
        var mode = Mode;
        switch (type)
        {
            case ClientReady or DisconnectBot or LlmFunctionCallResult or RawAudio or RawAudioBatch:
                return Route.Immediate;
            case DescribeConfig or DescribeActions or RtviMessageTypes.GetConfig:
                return mode == RtviProtocolMode.V2 ? Route.Unsupported : Route.Immediate;
            case UpdateConfig or RtviMessageTypes.Action:
                return mode == RtviProtocolMode.V2 ? Route.Unsupported : Route.StateChanging;
            case ClientMessage or SendText or AppendToContext or Dtmf or UiEvent or UiSnapshot or UiCancelJobGroup:
                return mode == RtviProtocolMode.V0_3 ? Route.Unsupported : Route.StateChanging;
            default:
                return Route.Unsupported;
        }
    }

    private async ValueTask DispatchFrameAsync(RtviInboundFrame frame)
    {
        switch (frame.Kind)
        {
            case RtviFrameKind.Message:
                await DispatchMessageAsync(frame.Payload).ConfigureAwait(false);
                break;
            case RtviFrameKind.Audio:
                await DeliverAudioAsync(new RtviAudioFrame(frame.Payload, frame.SampleRate, frame.NumChannels)).ConfigureAwait(false);
                break;
            case RtviFrameKind.Oversized:
                Log.DroppedFrame(_logger, Id, "message too large");
                await SendAsync(MessageWriter.ErrorEvent(RtviErrorText.InvalidTransportMessage("message too large"), fatal: false)).ConfigureAwait(false);
                break;
            case RtviFrameKind.Undecodable:
                Log.DroppedFrame(_logger, Id, "undecodable frame");
                break;
        }
    }

    private async ValueTask DispatchMessageAsync(ReadOnlyMemory<byte> message)
    {
        var envelope = EnvelopeReader.Read(message.Span);
        switch (envelope.Status)
        {
            case EnvelopeStatus.NotRtvi:
                Log.IgnoredNonRtvi(_logger, Id);
                return;
            case EnvelopeStatus.Malformed or EnvelopeStatus.Invalid:
                Log.InvalidMessage(_logger, Id, envelope.Problem!);
                await SendAsync(MessageWriter.ErrorEvent(RtviErrorText.InvalidTransportMessage(envelope.Problem!), fatal: false)).ConfigureAwait(false);
                return;
        }

        var type = envelope.Type!;
        var id = envelope.Id!;
        switch (RouteOf(type))
        {
            case Route.Unsupported:
                await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.UnsupportedType(type))).ConfigureAwait(false);
                return;
            case Route.StateChanging when !IsBotReady:
                if (_handshakeExpired)
                {
                    await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.BotNotReady)).ConfigureAwait(false);
                }
                else if (_held.Count >= _limits.MaxHeldRequests)
                {
                    await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.TooManyRequests)).ConfigureAwait(false);
                }
                else
                {
                    _held.Enqueue((message, envelope));
                }
                return;
        }

        try
        {
            await HandleAsync(type, id, message, envelope).ConfigureAwait(false);
        }
        catch (PayloadException exception)
        {
            Log.InvalidMessage(_logger, Id, exception.Message);
            await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.InvalidMessage(exception.Message))).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.InvalidMessage("malformed data"))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(_logger, exception, Id, type);
            await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.HandlerFailed)).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(string type, string id, ReadOnlyMemory<byte> message, Envelope envelope)
    {
        switch (type)
        {
            case ClientReady:
                await HandleClientReadyAsync(id, ParseData(message, envelope)).ConfigureAwait(false);
                break;
            case DisconnectBot:
                RequestEnd();
                break;
            case DescribeConfig:
                await SendAsync(DescribeConfigMessage(id)).ConfigureAwait(false);
                break;
            case DescribeActions:
                await SendAsync(DescribeActionsMessage(id)).ConfigureAwait(false);
                break;
            case RtviMessageTypes.GetConfig:
                await SendAsync(ConfigMessage(RtviMessageTypes.Config, id)).ConfigureAwait(false);
                break;
            case UpdateConfig:
                await HandleUpdateConfigAsync(id, ParseData(message, envelope)).ConfigureAwait(false);
                break;
            case RtviMessageTypes.Action:
                await HandleActionAsync(id, ParseData(message, envelope)).ConfigureAwait(false);
                break;
            case ClientMessage:
                await HandleClientMessageAsync(id, ParseData(message, envelope)).ConfigureAwait(false);
                break;
            case LlmFunctionCallResult:
                await HandleFunctionCallResultAsync(id, ParseData(message, envelope)).ConfigureAwait(false);
                break;
            default:
                await HandleAppMessageAsync(type, ParseData(message, envelope)).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The request's <c>data</c> as an element that outlives the message (Undefined when absent).</summary>
    private static JsonElement ParseData(ReadOnlyMemory<byte> message, Envelope envelope)
    {
        if (!envelope.HasData)
        {
            return default;
        }
        var reader = new Utf8JsonReader(envelope.Data(message).Span);
        return JsonElement.ParseValue(ref reader);
    }

    private async ValueTask ProcessHeldAsync()
    {
        if (_held.Count == 0)
        {
            return;
        }
        if (IsBotReady)
        {
            while (_held.TryDequeue(out var held) && !_ended.IsCancellationRequested)
            {
                await DispatchMessageAsync(held.Message).ConfigureAwait(false);
            }
        }
        else if (_handshakeExpired)
        {
            while (_held.TryDequeue(out var held))
            {
                await SendAsync(MessageWriter.ErrorResponse(held.Envelope.Id!, RtviErrorText.BotNotReady)).ConfigureAwait(false);
            }
        }
    }
}
