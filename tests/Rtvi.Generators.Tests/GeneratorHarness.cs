using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace Rtvi.Generators.Tests;

/// <summary>Compiles test sources, runs the generator over them, and compiles/loads the result.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(RtviBinder).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(TestJsonContext).Assembly.Location),
    ];

    /// <summary>The usings every test source gets (written out so each snippet stays short).</summary>
    public const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Text.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Rtvi;

        """;

    /// <summary>Names the test assembly's serializer context for the bot.</summary>
    public const string JsonContext = "[assembly: Rtvi.RtviJsonContext(typeof(Rtvi.Generators.Tests.TestJsonContext))]\n";

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "TestBot",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Bot{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new RtviGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the output compilation and the run result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return (output, driver.GetRunResult());
    }

    /// <summary>Asserts the compilation (with generated code) has no errors and no warnings.</summary>
    public static void AssertClean(Compilation output)
    {
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));
    }

    /// <summary>Generates, compiles and loads the bot into a collectible context; returns its assembly.</summary>
    public static LoadedBot Load(params string[] sources) => LoadWithoutContext([JsonContext, .. sources]);

    /// <summary>Like <see cref="Load"/>, without naming the test assembly's serializer context.</summary>
    public static LoadedBot LoadWithoutContext(params string[] sources)
    {
        var (output, _) = Run(CreateCompilation([Usings, .. sources]));
        AssertClean(output);
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("TestBot", isCollectible: true);
        return new LoadedBot(context, context.LoadFromStream(stream));
    }
}

/// <summary>A generated bot loaded for execution tests.</summary>
internal sealed class LoadedBot(AssemblyLoadContext context, Assembly assembly) : IDisposable
{
    public Assembly Assembly { get; } = assembly;

    private Type Handlers => Assembly.GetType("Rtvi.RtviGeneratedHandlers", throwOnError: true)!;

    /// <summary>Calls the generated <c>Register</c> and builds the registry.</summary>
    public RtviRegistry BuildRegistry()
    {
        var builder = new RtviRegistryBuilder();
        Handlers.GetMethod("Register")!.Invoke(null, [builder]);
        return builder.Build();
    }

    /// <summary>Calls the generated <c>AddGeneratedHandlers</c> on <paramref name="builder"/>.</summary>
    public IRtviBuilder AddGeneratedHandlers(IRtviBuilder builder) =>
        (IRtviBuilder)Handlers.GetMethod("AddGeneratedHandlers")!.Invoke(null, [builder])!;

    /// <summary>Reads a public static property of a type in the bot (test handlers record what they received there).</summary>
    public object? Static(string type, string property) =>
        Assembly.GetType(type, throwOnError: true)!.GetProperty(property)!.GetValue(null);

    public void Dispose() => context.Unload();
}
