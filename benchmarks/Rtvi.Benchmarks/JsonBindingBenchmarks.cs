using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;

[assembly: Rtvi.RtviJson(NamingPolicy = Rtvi.RtviJsonNamingPolicy.SnakeCaseLower)]

namespace Rtvi.Benchmarks;

/// <summary>An order line (nested in <see cref="BenchOrder"/>).</summary>
public sealed record BenchLine(string Sku, int Quantity, decimal Price);

/// <summary>A customer (nested in <see cref="BenchOrder"/>).</summary>
public sealed record BenchCustomer(string Name, string? City);

/// <summary>The nested-record argument of the benchmarked action.</summary>
public sealed record BenchOrder(BenchCustomer Customer, IReadOnlyList<BenchLine> Lines, string? Note = null);

/// <summary>The action the generator binds (and the hand-written binders call).</summary>
public static class BenchOrders
{
    /// <summary>Counts the items of an order.</summary>
    [RtviAction("place", Service = "orders")]
    public static int Place(BenchOrder order)
    {
        var items = 0;
        foreach (var line in order.Lines)
        {
            items += line.Quantity;
        }
        return items;
    }
}

/// <summary>What a bot author wrote before the generator emitted the metadata itself.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BenchOrder))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary>
/// Binding an action with a nested-record argument and running it: the generated binder with the generator's JSON metadata,
/// the same binding through a user-written System.Text.Json context, and through reflection-mode <see cref="JsonSerializer"/>.
/// </summary>
[MemoryDiagnoser]
public class JsonBindingBenchmarks
{
    private static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private RtviRegistry _registry = null!;
    private RtviArguments _arguments = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new RtviRegistryBuilder();
        RtviGeneratedHandlers.Register(builder);
        RtviArgumentDescriptor[] arguments = [new("order", RtviWireType.Object)];
        builder.AddAction("orders", "place_context", arguments, RtviWireType.Number, (_, args, _) =>
            new(RtviResult.FromInt64(BenchOrders.Place(RtviBinder.GetJson(RtviBinder.Required(args, "order"), "order", BenchJsonContext.Default.BenchOrder)))));
        builder.AddAction("orders", "place_reflection", arguments, RtviWireType.Number, (_, args, _) =>
            new(RtviResult.FromInt64(BenchOrders.Place(BindWithReflection(RtviBinder.Required(args, "order"))))));
        _registry = builder.Build();
        using var document = JsonDocument.Parse("""
            {"customer":{"name":"Ada","city":"Oslo"},"lines":[{"sku":"tea","quantity":2,"price":1.5},{"sku":"cup","quantity":1,"price":4},{"sku":"pot","quantity":1,"price":20}],"note":"gift"}
            """);
        _arguments = RtviArguments.Create([new("order", document.RootElement)]);
    }

    [Benchmark(Baseline = true)]
    public ValueTask<RtviResult> GeneratedMetadata() => Invoke("orders:place");

    [Benchmark]
    public ValueTask<RtviResult> UserWrittenContext() => Invoke("orders:place_context");

    [Benchmark]
    public ValueTask<RtviResult> ReflectionSerializer() => Invoke("orders:place_reflection");

    private ValueTask<RtviResult> Invoke(string key) => _registry.FindAction(key)!.Handler(null!, _arguments, CancellationToken.None);

    // Reflection mode, as a bot without any metadata would bind (not AOT-safe: for comparison only).
    private static BenchOrder BindWithReflection(JsonElement value) =>
        value.Deserialize<BenchOrder>(ReflectionOptions) ?? throw new RtviBindingException("'order' must not be null");
}
