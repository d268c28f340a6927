using System.Text.Json;
using Rtvi.Protocol;

namespace Rtvi;

public sealed partial class RtviSession
{
    private async ValueTask HandleActionAsync(string id, JsonElement data)
    {
        PayloadReader.RequireObject(data, "data");
        var service = PayloadReader.RequireString(PayloadReader.Member(data, "service"), "service");
        var actionName = PayloadReader.RequireString(PayloadReader.Member(data, "action"), "action");
        var arguments = ReadArgumentList(PayloadReader.Member(data, "arguments"));
        var action = Registry.FindAction(service + ":" + actionName);
        if (action is null)
        {
            await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.ActionNotRegistered(service, actionName))).ConfigureAwait(false);
            return;
        }
        await EnqueueActionAsync(id, action, arguments, RtviMessageTypes.ActionResponse, null).ConfigureAwait(false);
    }

    private async ValueTask HandleClientMessageAsync(string id, JsonElement data)
    {
        PayloadReader.RequireObject(data, "data");
        var t = PayloadReader.RequireString(PayloadReader.Member(data, "t"), "t");
        var d = PayloadReader.Member(data, "d");
        var handler = Registry.FindClientMessage(t);
        if (handler is not null)
        {
            await EnqueueLaneAsync(_actionLane, id, () => RunClientMessageAsync(id, t, d, handler)).ConfigureAwait(false);
            return;
        }
        var action = Registry.FindAction(t);
        if (action is null)
        {
            await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.NoClientMessageHandler(t))).ConfigureAwait(false);
            return;
        }
        var arguments = d.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => RtviArguments.Empty,
            JsonValueKind.Object => RtviArguments.Create(d.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value))),
            _ => throw new PayloadException("'d' must be an object of action arguments"),
        };
        await EnqueueActionAsync(id, action, arguments, RtviMessageTypes.ServerResponse, t).ConfigureAwait(false);
    }

    /// <summary><c>[{name, value}]</c> → an argument map (later duplicates win); absent or null → empty.</summary>
    private static RtviArguments ReadArgumentList(JsonElement arguments)
    {
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return RtviArguments.Empty;
        }
        PayloadReader.RequireArray(arguments, "arguments");
        var items = new List<KeyValuePair<string, JsonElement>>();
        var i = 0;
        foreach (var argument in arguments.EnumerateArray())
        {
            var at = PayloadReader.Indexed("arguments", i++);
            PayloadReader.RequireObject(argument, at);
            var name = PayloadReader.RequireString(PayloadReader.Member(argument, "name"), at + ".name");
            var value = PayloadReader.RequirePresent(PayloadReader.Member(argument, "value"), at + ".value");
            RtviArguments.Set(items, name, value);
        }
        return new RtviArguments(items);
    }

    private ValueTask EnqueueActionAsync(string id, RtviActionDescriptor action, RtviArguments arguments, string responseType, string? t) =>
        EnqueueLaneAsync(_actionLane, id, async () =>
        {
            var context = new RtviActionContext(this, id, action.Service, action.Name);
            await RespondAsync(id, responseType, t, action.Key, () => action.Handler(context, arguments, _ended.Token)).ConfigureAwait(false);
        });

    private ValueTask RunClientMessageAsync(string id, string t, JsonElement d, RtviClientMessageDescriptor handler)
    {
        var context = new RtviClientMessageContext(this, id, t);
        return RespondAsync(id, RtviMessageTypes.ServerResponse, t, t, () => handler.Handler(context, d, _ended.Token));
    }

    private async ValueTask EnqueueLaneAsync(System.Threading.Channels.Channel<Func<ValueTask>> lane, string? id, Func<ValueTask> work)
    {
        if (!lane.Writer.TryWrite(work) && id is not null)
        {
            await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.TooManyRequests)).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a handler and sends exactly one answer: the response, or an <c>error-response</c>.</summary>
    private async ValueTask RespondAsync(string id, string responseType, string? t, string what, Func<ValueTask<RtviResult>> run)
    {
        byte[] answer;
        try
        {
            var result = await run().ConfigureAwait(false);
            answer = responseType == RtviMessageTypes.ServerResponse
                ? ServerResponseMessage(id, t!, result)
                : ActionResponseMessage(id, result);
        }
        catch (RtviBindingException exception)
        {
            answer = MessageWriter.ErrorResponse(id, RtviErrorText.InvalidMessage(exception.Message));
        }
        catch (RtviRequestException exception)
        {
            answer = MessageWriter.ErrorResponse(id, exception.Message);
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(_logger, exception, Id, what);
            answer = MessageWriter.ErrorResponse(id, RtviErrorText.HandlerFailed);
        }
        await SendAsync(answer).ConfigureAwait(false);
    }

    private static byte[] ActionResponseMessage(string id, RtviResult result) =>
        MessageWriter.Build(RtviMessageTypes.ActionResponse, id, result, static (w, r) =>
        {
            w.WriteStartObject();
            if (!r.IsNone)
            {
                w.WritePropertyName("result"u8);
                r.WriteTo(w);
            }
            w.WriteEndObject();
        });

    private static byte[] ServerResponseMessage(string id, string t, RtviResult result) =>
        MessageWriter.Build(RtviMessageTypes.ServerResponse, id, (t, result), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("t"u8, s.t);
            if (!s.result.IsNone)
            {
                w.WritePropertyName("d"u8);
                s.result.WriteTo(w);
            }
            w.WriteEndObject();
        });
}
