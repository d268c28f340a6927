using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;

namespace Rtvi.Generators.Tests;

/// <summary>The shared rules the generator and the analyzers both use.</summary>
public sealed class HandlerRulesTests
{
    [Theory]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] private static void M() { }", "NotAccessible", -1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static async void M() => await Task.Yield();", "AsyncVoid", -1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static ref int M() => ref Field;", "UnsupportedReturnType", -1)]
    [InlineData("[RtviOption(\"a\", Service = \"s\")] public static int M(int v) => v;", "UnsupportedReturnType", -1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static void M<T>() { }", "GenericMethod", -1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static void M(int x, out int y) => y = x;", "RefLikeParameter", 1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static void M(Span<int> x) { }", "RefLikeParameter", 0)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static void M(CancellationToken a, CancellationToken b) { }", "MultipleCancellationTokens", 1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static void M(int a, object b) { }", "UnmappableParameterType", 1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static void M(RtviOptionContext c) { }", "UnmappableParameterType", 0)]
    [InlineData("[RtviOption(\"a\", Service = \"s\")] public static void M(int a, int b) { }", "OptionValueParameterCount", -1)]
    [InlineData("[RtviOption(\"a\", Service = \"s\")] public static void M(CancellationToken ct) { }", "OptionValueParameterCount", -1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static Action M() => null!;", "UnmappableResultType", -1)]
    [InlineData("[RtviAction(\"a\")] public static void M() { }", "MissingService", -1)]
    [InlineData("[RtviAction(\"A\", Service = \"s\")] public static void M() { }", "InvalidName", -1)]
    [InlineData("[RtviAction(\"a\", Service = \"S s\")] public static void M() { }", "InvalidName", -1)]
    [InlineData("[RtviClientMessage(\"Get Weather\")] public static void M() { }", "InvalidName", -1)]
    [InlineData("[RtviClientMessage(\"client-ready\")] public static void M() { }", "ClientMessageNameCollision", -1)]
    [InlineData("[RtviClientMessage(\"tts:say\")] public static void M() { }", "ClientMessageNameCollision", -1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static void M(RtviArguments all, int extra) { }", "RawArgumentsWithOtherParameters", 1)]
    [InlineData("[RtviAction(\"a\", Service = \"s\")] public static void M(int extra, RtviArguments all) { }", "RawArgumentsWithOtherParameters", 0)]
    [InlineData("[RtviClientMessage(\"m\")] public static void M(int a, string b) { }", "ClientMessageDataParameterCount", 1)]
    public void Invalid_handlers_report_the_violated_rule(string member, string violation, int parameterIndex)
    {
        var expected = Enum.Parse<HandlerRuleViolation>(violation);
        var check = CheckMethod("public static class C { public static int Field; " + member + " }", "C");
        Assert.False(check.IsValid);
        Assert.Contains(check.Violations, v => v.Kind == expected && v.ParameterIndex == parameterIndex);
    }

    [Theory]
    [InlineData("public static class C { public static void M() { [RtviAction(\"a\", Service = \"s\")] static void Local() { } Local(); } }", "Local")]
    [InlineData("public static class C { public static Action F = [RtviAction(\"a\", Service = \"s\")] () => { }; }", null)]
    [InlineData("public static class C { public static int P { [RtviAction(\"a\", Service = \"s\")] get => 0; } }", "get_P")]
    [InlineData("public class C { [RtviAction(\"a\", Service = \"s\")] public static C operator +(C a, C b) => a; }", "op_Addition")]
    [InlineData("public interface I { void M(); } public class C : I { [RtviAction(\"a\", Service = \"s\")] void I.M() { } }", "I.M")]
    public void Only_ordinary_methods_are_handlers(string source, string? name)
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, source);
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes()
            .Select(node => model.GetDeclaredSymbol(node) ?? model.GetSymbolInfo(node).Symbol)
            .OfType<IMethodSymbol>()
            .First(m => (name == null ? m.MethodKind == MethodKind.AnonymousFunction : m.Name == name) && m.GetAttributes().Length > 0);
        var known = KnownTypes.Get(compilation);
        var check = HandlerRules.Check(method, method.GetAttributes().Single(), known);
        Assert.False(HandlerRules.IsOrdinaryMethod(method));
        Assert.Equal([HandlerRuleViolation.NotOrdinaryMethod], check.Violations.Select(v => v.Kind));
    }

    [Theory]
    [InlineData("public abstract class C { [RtviAction(\"a\", Service = \"s\")] public void M() { } }")]
    [InlineData("public class C { private C() { } [RtviAction(\"a\", Service = \"s\")] public void M() { } }")]
    public void Instance_handlers_need_a_class_di_can_create(string source)
    {
        var check = CheckMethod(source, "C");
        Assert.Contains(check.Violations, v => v.Kind == HandlerRuleViolation.ServiceNotConstructible);
    }

    [Theory]
    [InlineData("file static class C { [RtviAction(\"a\", Service = \"s\")] public static void M() { } }", -1)]
    [InlineData("file sealed record Data(int X); public static class C { [RtviAction(\"a\", Service = \"s\")] public static void M(Data data) { } }", 0)]
    [InlineData("public static class C { private sealed record Data(int X); [RtviAction(\"a\", Service = \"s\")] public static void M(Data data) { } }", 0)]
    public void Handlers_and_types_hidden_from_generated_files_are_not_accessible(string source, int parameterIndex)
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, source);
        var method = compilation.GetSymbolsWithName("M").OfType<IMethodSymbol>().Single();
        var known = KnownTypes.Get(compilation);
        var check = HandlerRules.Check(method, method.GetAttributes().Single(), known);
        Assert.Contains(check.Violations, v => v.Kind == HandlerRuleViolation.NotAccessible && v.ParameterIndex == parameterIndex);
    }

    [Fact]
    public void Generic_containing_types_are_rejected() =>
        Assert.Contains(CheckMethod("public static class C<T> { [RtviAction(\"a\", Service = \"s\")] public static void M() { } }", "C`1").Violations,
            v => v.Kind == HandlerRuleViolation.GenericMethod);

    [Fact]
    public void Parameters_are_injected_by_type_and_the_rest_bind_from_json()
    {
        var check = CheckMethod("""
            public interface IClock { }
            [RtviService("other")] public sealed class Other { }
            [RtviService("s")]
            public sealed class C
            {
                [RtviAction("a")]
                public void M(string text, IReadOnlyList<int> numbers, IClock clock, Other other, RtviSession session,
                    RtviActionContext context, CancellationToken ct, int runImmediately = 1) { }
            }
            """, "C");
        Assert.True(check.IsValid);
        Assert.Equal(
            [ParameterSource.Json, ParameterSource.Json, ParameterSource.Service, ParameterSource.Service, ParameterSource.Session,
             ParameterSource.Context, ParameterSource.CancellationToken, ParameterSource.Json],
            check.Plan!.Parameters.Select(p => p.Source));
        Assert.Equal("s", check.Plan.Service);
        Assert.Equal("run_immediately", check.Plan.Parameters[7].WireName);
    }

    [Theory]
    [InlineData("tts", true)]
    [InlineData("run_immediately", true)]
    [InlineData("get-weather", true)]
    [InlineData("a1_b2", true)]
    [InlineData("Tts", false)]
    [InlineData("1a", false)]
    [InlineData("a__b", false)]
    [InlineData("a_", false)]
    [InlineData("test.echo", false)]
    [InlineData("", false)]
    public void Wire_names_are_lowercase_words_joined_by_underscore_or_dash(string name, bool valid) =>
        Assert.Equal(valid, NameRules.IsValidName(name));

    [Theory]
    [InlineData("test.echo", true)]
    [InlineData("get-weather", true)]
    [InlineData("a.b_c-d", true)]
    [InlineData("test..echo", false)]
    [InlineData("Test", false)]
    public void Client_message_types_also_allow_dots(string type, bool valid) =>
        Assert.Equal(valid, NameRules.IsValidClientMessageType(type));

    [Theory]
    [InlineData("SetVoice", "set_voice")]
    [InlineData("runImmediately", "run_immediately")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("Say Hello!", "say_hello")]
    [InlineData("get-weather", "get-weather")]
    [InlineData("42", null)]
    public void Suggestions_turn_csharp_names_into_wire_names(string name, string? suggestion) =>
        Assert.Equal(suggestion, NameRules.Suggest(name));

    [Theory]
    [InlineData("List<string>", "ListString")]
    [InlineData("int[]", "Int32Array")]
    [InlineData("Dictionary<string, List<int>>", "DictionaryStringListInt32")]
    [InlineData("int?", "NullableInt32")]
    public void Json_type_info_property_names_follow_the_system_text_json_generator(string type, string expected)
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, $"public static class C {{ public static {type} F = default!; }}");
        var field = (IFieldSymbol)compilation.GetTypeByMetadataName("C")!.GetMembers("F").Single();
        Assert.Equal(expected, WireTypeMapper.GetJsonTypeInfoPropertyName(field.Type));
    }

    private static HandlerCheck CheckMethod(string source, string typeName)
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, source);
        var type = compilation.GetTypeByMetadataName(typeName)!;
        var method = type.GetMembers("M").OfType<IMethodSymbol>().Single();
        var known = KnownTypes.Get(compilation);
        var attribute = method.GetAttributes().Single(a => HandlerRules.GetKind(a.AttributeClass, known) is not null);
        return HandlerRules.Check(method, attribute, known);
    }
}
