using System.Text.Json;
using Rtvi.Protocol;
using Rtvi.Sessions;

namespace Rtvi;

public sealed partial class RtviSession
{
    private readonly ConfigStore _config;
    private readonly Lock _configLock = new();

    private RtviRegistry Registry => _server.Registry;

    private void WriteConfigValues(Utf8JsonWriter writer)
    {
        lock (_configLock)
        {
            _config.WriteTo(writer);
        }
    }

    private void WriteActionDescriptors(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var action in Registry.Actions)
        {
            writer.WriteStartObject();
            writer.WriteString("service"u8, action.Service);
            writer.WriteString("action"u8, action.Name);
            WriteTypedNames(writer, "arguments"u8, action.Arguments, static a => (a.Name, a.Type));
            writer.WriteString("result"u8, action.Result.ToWireString());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes <c>"property": [{"name": …, "type": …}, …]</c>.</summary>
    private static void WriteTypedNames<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> property, IReadOnlyList<T> items, Func<T, (string Name, RtviWireType Type)> select)
    {
        writer.WriteStartArray(property);
        foreach (var item in items)
        {
            var (name, type) = select(item);
            writer.WriteStartObject();
            writer.WriteString("name"u8, name);
            writer.WriteString("type"u8, type.ToWireString());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private byte[] DescribeConfigMessage(string id) =>
        MessageWriter.Build(RtviMessageTypes.ConfigAvailable, id, Registry, static (w, registry) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("config"u8);
            foreach (var service in registry.Services)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, service.Name);
                WriteTypedNames(w, "options"u8, service.Options, static o => (o.Name, o.Type));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private byte[] DescribeActionsMessage(string id) =>
        MessageWriter.Build(RtviMessageTypes.ActionsAvailable, id, this, static (w, s) =>
        {
            w.WriteStartObject();
            w.WritePropertyName("actions"u8);
            s.WriteActionDescriptors(w);
            w.WriteEndObject();
        });

    private byte[] ConfigMessage(string type, string id) =>
        MessageWriter.Build(type, id, this, static (w, s) =>
        {
            w.WriteStartObject();
            w.WritePropertyName("config"u8);
            s.WriteConfigValues(w);
            w.WriteEndObject();
        });

    /// <summary>A bound option value, ready to apply.</summary>
    private readonly record struct PendingOption(RtviOptionDescriptor Descriptor, JsonElement Value, RtviOptionApply Apply);

    private async ValueTask HandleUpdateConfigAsync(string id, JsonElement data)
    {
        PayloadReader.RequireObject(data, "data");
        var config = PayloadReader.RequireArray(PayloadReader.Member(data, "config"), "config");
        var interrupt = PayloadReader.OptionalBool(PayloadReader.Member(data, "interrupt"), "interrupt", false);

        // Validate and bind everything before anything runs: one failure applies nothing.
        var pending = new List<PendingOption>();
        var i = 0;
        foreach (var entry in config.EnumerateArray())
        {
            var at = PayloadReader.Indexed("config", i++);
            PayloadReader.RequireObject(entry, at);
            var serviceName = PayloadReader.RequireString(PayloadReader.Member(entry, "service"), at + ".service");
            var options = PayloadReader.RequireArray(PayloadReader.Member(entry, "options"), at + ".options");
            var service = Registry.FindService(serviceName)
                ?? throw new PayloadException($"unknown service '{RtviErrorText.Echo(serviceName)}'");
            var j = 0;
            foreach (var option in options.EnumerateArray())
            {
                var optionAt = PayloadReader.Indexed(at + ".options", j++);
                PayloadReader.RequireObject(option, optionAt);
                var optionName = PayloadReader.RequireString(PayloadReader.Member(option, "name"), optionAt + ".name");
                var value = PayloadReader.RequirePresent(PayloadReader.Member(option, "value"), optionAt + ".value");
                var descriptor = service.FindOption(optionName)
                    ?? throw new PayloadException($"unknown option '{service.Name}.{RtviErrorText.Echo(optionName)}'");
                pending.Add(Bind(descriptor, value));
            }
        }

        if (interrupt)
        {
            await InterruptAsync().ConfigureAwait(false);
        }
        foreach (var option in pending)
        {
            var context = new RtviOptionContext(this, id, option.Descriptor.Service, option.Descriptor.Name);
            try
            {
                await option.Apply(context, _ended.Token).ConfigureAwait(false);
            }
            catch (RtviRequestException exception)
            {
                await SendAsync(MessageWriter.ErrorResponse(id, exception.Message)).ConfigureAwait(false);
                return;
            }
            lock (_configLock)
            {
                _config.Set(option.Descriptor.Service, option.Descriptor.Name, option.Value);
            }
        }
        await SendAsync(ConfigMessage(RtviMessageTypes.Config, id)).ConfigureAwait(false);
    }

    private static PendingOption Bind(RtviOptionDescriptor descriptor, JsonElement value)
    {
        if (!descriptor.Type.Accepts(value.ValueKind))
        {
            throw new PayloadException($"'{descriptor.Service}.{descriptor.Name}' must be {Article(descriptor.Type)}");
        }
        try
        {
            return new(descriptor, value, descriptor.Binder(value));
        }
        catch (RtviBindingException exception)
        {
            throw new PayloadException(exception.Message);
        }
    }

    private static string Article(RtviWireType type) => type switch
    {
        RtviWireType.Array or RtviWireType.Object => "an " + type.ToWireString(),
        _ => "a " + type.ToWireString(),
    };

    private async ValueTask ApplyInitialConfigAsync()
    {
        List<(string Service, string Option, JsonElement Value)> values;
        lock (_configLock)
        {
            values = [.. _config.All()];
        }
        foreach (var (serviceName, optionName, value) in values)
        {
            var descriptor = Registry.FindService(serviceName)?.FindOption(optionName);
            PendingOption bound;
            try
            {
                bound = descriptor is not null ? Bind(descriptor, value) : throw new PayloadException("not registered");
            }
            catch (PayloadException)
            {
                Log.InitialConfigSkipped(_logger, Id, serviceName, optionName);
                continue;
            }
            try
            {
                await bound.Apply(new RtviOptionContext(this, null, serviceName, optionName), _ended.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !_ended.IsCancellationRequested)
            {
                Log.HandlerFailed(_logger, exception, Id, "initial config");
            }
        }
    }
}
