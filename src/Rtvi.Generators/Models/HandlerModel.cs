using Rtvi.CodeAnalysis;

namespace Rtvi.Generators.Models
{
    /// <summary>A handler parameter.</summary>
    /// <param name="Source">Where the value comes from.</param>
    /// <param name="TypeName">The declared C# type (with nullable annotations).</param>
    /// <param name="WireName">The wire name of a JSON-bound parameter.</param>
    /// <param name="Value">The conversion of a JSON-bound parameter.</param>
    /// <param name="IsOptional">Whether a JSON-bound value may be absent.</param>
    /// <param name="DefaultValue">The C# expression used when an optional value is absent.</param>
    /// <param name="IsNullableService">Whether an injected service may be missing (resolved with GetService).</param>
    internal sealed record ParameterModel(
        ParameterSource Source,
        string TypeName,
        string WireName,
        ValueModel? Value,
        bool IsOptional,
        string? DefaultValue,
        bool IsNullableService);

    /// <summary>Where a declaration sits: its file, then the member indices from the compilation unit down.</summary>
    internal sealed record DeclarationOrder(string FilePath, EquatableArray<int> Path);

    /// <summary>A valid handler method, everything the emitters need and nothing from Roslyn.</summary>
    /// <param name="Kind">Option, action or client message.</param>
    /// <param name="Name">The option or action name, or the client-message type.</param>
    /// <param name="Service">The owning service (options and actions).</param>
    /// <param name="ContainingType">The fully qualified containing type.</param>
    /// <param name="MethodName">The method's name (escaped when a keyword).</param>
    /// <param name="IsStatic">Whether the method is static (else the instance comes from DI).</param>
    /// <param name="Parameters">The parameters in declaration order.</param>
    /// <param name="ReturnShape">How the method returns.</param>
    /// <param name="Result">The result's conversion, when the method produces a mapped value.</param>
    /// <param name="ResultIsRtviResult">Whether the method produces an <c>RtviResult</c> itself.</param>
    /// <param name="ResultIsArguments">Whether the method produces <c>RtviArguments</c>.</param>
    /// <param name="JsonTypes">The types (keys) a parameter or the result reads or writes through a <c>JsonTypeInfo</c>.</param>
    /// <param name="DescribedJsonTypes">The keys among <paramref name="JsonTypes"/> the generator can describe itself.</param>
    /// <param name="JsonTypeGraph">The metadata models of the described types and everything reachable from them.</param>
    /// <param name="HintName">The generated file's hint name.</param>
    /// <param name="Identifier">The generated binder method's name.</param>
    /// <param name="Order">The declaration's position (registration order).</param>
    /// <param name="DeclaredArguments">The [RtviArgument] declarations of an action taking the raw argument map.</param>
    /// <param name="IsConcurrent">Whether a client-message handler runs its messages concurrently (<c>Concurrent = true</c>).</param>
    internal sealed record HandlerModel(
        HandlerKind Kind,
        string Name,
        string? Service,
        string ContainingType,
        string MethodName,
        bool IsStatic,
        EquatableArray<ParameterModel> Parameters,
        ReturnShape ReturnShape,
        ValueModel? Result,
        bool ResultIsRtviResult,
        bool ResultIsArguments,
        EquatableArray<string> JsonTypes,
        EquatableArray<string> DescribedJsonTypes,
        EquatableArray<JsonTypeModel> JsonTypeGraph,
        string HintName,
        string Identifier,
        DeclarationOrder Order,
        EquatableArray<ArgumentModel> DeclaredArguments,
        bool IsConcurrent);

    /// <summary>An [RtviService] class.</summary>
    /// <param name="Name">The service's wire name.</param>
    /// <param name="TypeName">The fully qualified class.</param>
    /// <param name="IsConstructible">Whether DI can create it (registered scoped).</param>
    /// <param name="Order">The declaration's position.</param>
    internal sealed record ServiceModel(string Name, string TypeName, bool IsConstructible, DeclarationOrder Order);

    /// <summary>An explicit <c>[JsonSerializable(typeof(T), TypeInfoPropertyName = "…")]</c> on the bot's context.</summary>
    internal sealed record JsonTypeInfoName(string TypeKey, string PropertyName);

    /// <summary>What the whole compilation contributes: whether the runtime is referenced and the bot's serializer context.</summary>
    /// <param name="HasRuntime">Whether <c>Rtvi.Runtime</c> is referenced.</param>
    /// <param name="JsonContext">The fully qualified serializer context named by <c>[assembly: RtviJsonContext]</c>, or null.</param>
    /// <param name="ExplicitNames">The context's explicit type-info property names.</param>
    /// <param name="CoveredTypes">The keys of every type the context has metadata for.</param>
    /// <param name="NamingPolicy">The <c>JsonNamingPolicy</c> property named by <c>[assembly: RtviJson(NamingPolicy = …)]</c>, or null.</param>
    internal sealed record CompilationModel(
        bool HasRuntime, string? JsonContext, EquatableArray<JsonTypeInfoName> ExplicitNames, EquatableArray<string> CoveredTypes,
        string? NamingPolicy)
    {
        /// <summary>Whether the bot's own context has metadata for <paramref name="typeKey"/> (it wins over generated metadata).</summary>
        public bool CoversType(string typeKey) => JsonContext != null && System.Linq.Enumerable.Contains(CoveredTypes, typeKey);

        /// <summary>Whether every type <paramref name="handler"/> needs metadata for has it: from the bot's context or the generator.</summary>
        public bool Covers(HandlerModel handler)
        {
            foreach (var key in handler.JsonTypes)
            {
                if (!CoversType(key) && !System.Linq.Enumerable.Contains(handler.DescribedJsonTypes, key))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The expression for the <c>JsonTypeInfo</c> of <paramref name="value"/>: the bot's context if it covers the type, else the generated one.</summary>
        public string GetTypeInfo(ValueModel value)
        {
            if (!CoversType(value.JsonTypeKey))
            {
                return GeneratedNames.Json + ".TypeInfo<" + value.TypeName + ">()";
            }
            var property = value.JsonPropertyName;
            foreach (var name in ExplicitNames)
            {
                if (name.TypeKey == value.JsonTypeKey)
                {
                    property = name.PropertyName;
                    break;
                }
            }
            return JsonContext + ".Default." + property;
        }
    }
}
