using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Rtvi.Generators.Tests;

/// <summary>The pipeline caches: reruns reuse models, edits recompute only what they touch, and no step holds Roslyn objects.</summary>
public sealed class CacheabilityTests
{
    private static readonly string[] AllSteps =
    [
        TrackingNames.CompilationInfo, TrackingNames.Services, TrackingNames.Options, TrackingNames.Actions, TrackingNames.ClientMessages,
        TrackingNames.OptionSources, TrackingNames.ActionSources, TrackingNames.ClientMessageSources, TrackingNames.AllHandlers,
        TrackingNames.Registry, TrackingNames.Payloads, TrackingNames.JsonResolver,
    ];

    private const string Bot = """
        namespace Bot;

        [RtviService("tts")]
        public sealed class Tts
        {
            [RtviOption("voice")]
            public void SetVoice(string voice) { }

            [RtviAction("say")]
            public bool Say(string text, bool interrupt = false) => true;

            [RtviAction("count")]
            public int Count(int limit) => limit;
        }

        public sealed record Query(string City, Place? Near);
        public sealed record Place(string Name);
        public sealed record Notice(string Text);

        public static class Messages
        {
            [RtviClientMessage("test.echo")]
            public static JsonElement Echo(JsonElement d = default) => d;

            [RtviClientMessage("test.ask")]
            public static async Task<string> AskAsync(Query d, RtviSession session)
            {
                await session.Events.ServerMessageAsync(new Notice("asked"), RtviGeneratedJson.Default.Notice);
                return d.City;
            }
        }
        """;

    [Fact]
    public void Rerunning_on_a_cloned_compilation_caches_every_step()
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, Bot);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult();
        var second = driver.RunGenerators(compilation.Clone()).GetRunResult();

        var steps = TrackedSteps(second);
        Assert.Equal(AllSteps.Order(), steps.Keys.Order());
        foreach (var (name, runs) in steps)
        {
            foreach (var (_, reason) in runs.SelectMany(run => run.Outputs))
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {reason}");
            }
        }
        Assert.Equal(
            first.GeneratedTrees.Select(t => t.ToString()),
            second.GeneratedTrees.Select(t => t.ToString()));
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, Bot);
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        foreach (var (name, runs) in TrackedSteps(result))
        {
            foreach (var (value, _) in runs.SelectMany(run => run.Outputs))
            {
                AssertNoRoslynObjects(value, name, []);
            }
        }
    }

    [Fact]
    public void Editing_an_unrelated_file_recomputes_nothing()
    {
        var (before, after) = RunEdit(compilation => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Bot; public static class Unrelated { public static int Value => 1; }", GeneratorHarness.ParseOptions, "Unrelated.cs")));

        AssertReasons(after, TrackingNames.CompilationInfo, IncrementalStepRunReason.Unchanged);
        AssertReasons(after, TrackingNames.Actions, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.ActionSources, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.Registry, IncrementalStepRunReason.Cached);
        Assert.Equal(before.GeneratedTrees.Length, after.GeneratedTrees.Length);
    }

    [Fact]
    public void Editing_a_handler_body_leaves_every_model_unchanged()
    {
        var (_, after) = RunEdit(compilation => Replace(compilation, "bool interrupt = false) => true;", "bool interrupt = false) => text.Length > 0 || interrupt;"));

        AssertReasons(after, TrackingNames.Actions, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.Options, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.ActionSources, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.Registry, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.JsonResolver, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_the_body_around_a_server_message_keeps_the_resolver_cached()
    {
        var (_, after) = RunEdit(compilation => Replace(compilation, "return d.City;", "return d.City + \"!\";"));

        AssertReasons(after, TrackingNames.Payloads, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.ClientMessages, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.JsonResolver, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.Registry, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Changing_a_nested_record_member_modifies_only_the_resolver_and_its_handler()
    {
        var (_, after) = RunEdit(compilation => Replace(compilation, "public sealed record Place(string Name);", "public sealed record Place(string Name, int Floor);"));

        AssertReasons(after, TrackingNames.ClientMessages, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified);
        AssertReasons(after, TrackingNames.Actions, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached);
        AssertReasons(after, TrackingNames.JsonResolver, IncrementalStepRunReason.Modified);
        // The wire shape of the handlers is the same: registration is untouched.
        AssertReasons(after, TrackingNames.Registry, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_a_parameter_type_modifies_only_that_handler()
    {
        var (_, after) = RunEdit(compilation => Replace(compilation, "public int Count(int limit)", "public int Count(long limit)"));

        AssertReasons(after, TrackingNames.Actions, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified);
        AssertReasons(after, TrackingNames.ActionSources, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified);
        AssertReasons(after, TrackingNames.OptionSources, IncrementalStepRunReason.Cached);
        // int and long are both "number": the registration itself is the same.
        AssertReasons(after, TrackingNames.Registry, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_a_wire_type_modifies_the_registry()
    {
        var (_, after) = RunEdit(compilation => Replace(compilation, "public int Count(int limit)", "public int Count(string limit)"));

        AssertReasons(after, TrackingNames.ActionSources, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified);
        AssertReasons(after, TrackingNames.Registry, IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Covering_a_polymorphic_type_in_the_serializer_context_generates_the_handler_that_was_skipped()
    {
        const string bot = """
            [assembly: RtviJsonContext(typeof(Bot.BotJsonContext))]

            namespace Bot;

            [System.Text.Json.Serialization.JsonDerivedType(typeof(Circle), "circle")]
            public abstract record Shape;
            public sealed record Circle(double Radius) : Shape;
            public sealed record Answer(string Text);

            [System.Text.Json.Serialization.JsonSerializable(typeof(Answer))]
            public sealed partial class BotJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

            public static class Handlers
            {
                [RtviAction("draw", Service = "bot")] public static Answer Draw(Shape shape) => new("drawn");
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, bot);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.FilePath.Contains("Handlers.Draw", StringComparison.Ordinal));

        var covered = Replace(compilation, "[System.Text.Json.Serialization.JsonSerializable(typeof(Answer))]",
            "[System.Text.Json.Serialization.JsonSerializable(typeof(Answer))][System.Text.Json.Serialization.JsonSerializable(typeof(Shape))]");
        var after = driver.RunGenerators(covered).GetRunResult();

        AssertReasons(after, TrackingNames.CompilationInfo, IncrementalStepRunReason.Modified);
        AssertReasons(after, TrackingNames.Registry, IncrementalStepRunReason.Modified);
        Assert.Contains(after.GeneratedTrees, t => t.FilePath.Contains("Handlers.Draw", StringComparison.Ordinal));
    }

    private static (GeneratorDriverRunResult Before, GeneratorDriverRunResult After) RunEdit(Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, Bot);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = driver.GetRunResult();
        var after = driver.RunGenerators(edit(compilation)).GetRunResult();
        return (before, after);
    }

    private static Compilation Replace(Compilation compilation, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(oldText, StringComparison.Ordinal));
        var edited = tree.WithChangedText(tree.GetText().Replace(tree.ToString().IndexOf(oldText, StringComparison.Ordinal), oldText.Length, newText));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static void AssertReasons(GeneratorDriverRunResult result, string step, params IncrementalStepRunReason[] expected)
    {
        var actual = TrackedSteps(result)[step].SelectMany(run => run.Outputs).Select(output => output.Reason).ToArray();
        Assert.True(expected.SequenceEqual(actual), $"{step}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }

    private static Dictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> TrackedSteps(GeneratorDriverRunResult result) =>
        result.Results.Single().TrackedSteps
            .Where(step => AllSteps.Contains(step.Key))
            .ToDictionary(step => step.Key, step => step.Value);

    private static void AssertNoRoslynObjects(object? value, string step, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }
        var type = value.GetType();
        Assert.False(
            value is ISymbol or SyntaxNode or Compilation or Location or SemanticModel or SyntaxTree,
            $"{step} holds a {type.FullName}");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, step, visited);
            }
            return;
        }
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoRoslynObjects(field.GetValue(value), step, visited);
            }
        }
    }
}
