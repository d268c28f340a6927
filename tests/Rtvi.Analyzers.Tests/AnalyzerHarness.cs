using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Rtvi.Analyzers.Tests;

/// <summary>Offline reference assemblies, the Rtvi runtime, and the usings every snippet gets.</summary>
internal static class AnalyzerHarness
{
    /// <summary>Prepended to every test source (no markup in it, so spans stay where the snippet puts them).</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Rtvi;

        """;

    /// <summary>A serializer context that compiles without the System.Text.Json generator; add [JsonSerializable] lines above it.</summary>
    public const string ContextBody = """
        {
            public BotJsonContext() : base(null) { }
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(RtviActionAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
    ];

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(References);
    }

    public static Solution EnableNullable(Solution solution, ProjectId projectId)
    {
        var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
        return solution.WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable));
    }
}

/// <summary>Runs one analyzer over markup sources.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Error);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync([source], expected);

    public static Task VerifyAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(AnalyzerHarness.Usings + source);
        }
        AnalyzerHarness.Configure(test.TestState);
        test.SolutionTransforms.Add(AnalyzerHarness.EnableNullable);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}

/// <summary>Runs one analyzer and one code fix over markup sources.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, int? codeActionIndex = null) =>
        VerifyAsync([source], [fixedSource], codeActionIndex);

    public static Task VerifyAsync(string[] sources, string[] fixedSources, int? codeActionIndex = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            CodeActionIndex = codeActionIndex,
        };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(AnalyzerHarness.Usings + source);
        }
        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(AnalyzerHarness.Usings + source);
        }
        AnalyzerHarness.Configure(test.TestState);
        test.SolutionTransforms.Add(AnalyzerHarness.EnableNullable);
        return test.RunAsync();
    }
}
