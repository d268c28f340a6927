using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Parsing
{
    /// <summary>Turns an attributed method into a <see cref="HandlerModel"/>, or null when it is not a valid handler.</summary>
    internal static class HandlerParser
    {
        public static HandlerModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length != 1)
            {
                return null;
            }
            var known = KnownTypes.Get(context.SemanticModel.Compilation);
            if (!known.HasRuntime || HandlerRules.GetKind(context.Attributes[0].AttributeClass, known) is null)
            {
                return null;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var check = HandlerRules.Check(method, context.Attributes[0], known);
            if (!check.IsValid)
            {
                // The analyzers explain why; generating nothing keeps their diagnostic the one the user sees.
                return null;
            }
            var plan = check.Plan!;

            var jsonTypes = new JsonTypeCollector(known);
            var parameters = new List<ParameterModel>(plan.Parameters.Length);
            foreach (var parameter in plan.Parameters)
            {
                var typeName = SymbolNames.Type(parameter.Symbol.Type);
                ValueModel? value = null;
                string? defaultValue = null;
                if (parameter.Source == ParameterSource.Json)
                {
                    value = ToModel(parameter.Mapping!);
                    jsonTypes.Add(parameter.Mapping!, isResult: false);
                    if (parameter.IsOptional)
                    {
                        defaultValue = DefaultValueFormatter.Format(parameter.Symbol, typeName);
                    }
                }
                var nullableService = parameter.Source == ParameterSource.Service &&
                    parameter.Symbol.Type.NullableAnnotation == NullableAnnotation.Annotated;
                parameters.Add(new ParameterModel(parameter.Source, typeName, parameter.WireName, value,
                    parameter.Source == ParameterSource.Json && parameter.IsOptional, defaultValue, nullableService));
            }

            ValueModel? result = null;
            if (plan.Result != null)
            {
                result = ToModel(plan.Result);
                jsonTypes.Add(plan.Result, isResult: true);
            }

            var hintName = GetHintName(plan);
            return new HandlerModel(
                plan.Kind,
                plan.Name,
                plan.Service,
                SymbolNames.Type(method.ContainingType),
                SymbolNames.Identifier(method.Name),
                method.IsStatic,
                parameters.ToEquatableArray(),
                plan.ReturnShape,
                result,
                plan.ResultIsRtviResult,
                plan.ResultIsArguments,
                jsonTypes.Keys.ToEquatableArray(),
                jsonTypes.Described.ToEquatableArray(),
                jsonTypes.Graph.ToEquatableArray(),
                hintName + ".g.cs",
                plan.Kind + "_" + Sanitize(method.Name) + "_" + StableHash.Of(hintName),
                DeclarationOrderReader.Read(context.TargetNode),
                GetDeclaredArguments(method, plan, known),
                plan.Kind == HandlerKind.ClientMessage && IsConcurrent(context.Attributes[0]));
        }

        private static bool IsConcurrent(AttributeData attribute)
        {
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == MetadataNames.ConcurrentProperty && named.Value.Value is true)
                {
                    return true;
                }
            }
            return false;
        }

        // [RtviArgument] declarations describe what an action taking the raw RtviArguments map expects.
        private static EquatableArray<ArgumentModel> GetDeclaredArguments(IMethodSymbol method, HandlerPlan plan, KnownTypes known)
        {
            var takesArguments = false;
            foreach (var parameter in plan.Parameters)
            {
                takesArguments |= parameter.Source == ParameterSource.Arguments;
            }
            if (!takesArguments)
            {
                return EquatableArray<ArgumentModel>.Empty;
            }
            var arguments = new List<ArgumentModel>();
            foreach (var attribute in method.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.RtviArgumentAttribute) &&
                    attribute.ConstructorArguments.Length == 2 &&
                    attribute.ConstructorArguments[0].Value is string name &&
                    attribute.ConstructorArguments[1].Value is int type && type >= 0 && type < (int)WireKind.Unmappable)
                {
                    var isOptional = false;
                    foreach (var named in attribute.NamedArguments)
                    {
                        isOptional |= named.Key == "IsOptional" && named.Value.Value is true;
                    }
                    arguments.Add(new ArgumentModel(name, (WireKind)type, isOptional));
                }
            }
            return arguments.ToEquatableArray();
        }

        private static ValueModel ToModel(WireMapping mapping) => new ValueModel(
            mapping.Conversion,
            mapping.Wire,
            SymbolNames.Type(mapping.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)),
            mapping.IsNullable,
            mapping.IsNullableValueType,
            mapping.BinderMethod,
            mapping.Element is null ? null : ToModel(mapping.Element),
            SymbolNames.TypeKey(mapping.Type),
            WireTypeMapper.GetJsonTypeInfoPropertyName(mapping.Type));

        // Rtvi.<Kind>.<Namespace.Type>.<Method>[.<signature hash> when overloaded]: unique in a compilation.
        private static string GetHintName(HandlerPlan plan)
        {
            var method = plan.Method;
            var builder = new StringBuilder("Rtvi.").Append(plan.Kind).Append('.')
                .Append(Sanitize(SymbolNames.MetadataName(method.ContainingType))).Append('.').Append(Sanitize(method.Name));
            if (method.ContainingType.GetMembers(method.Name).Length > 1)
            {
                var signature = new StringBuilder();
                foreach (var parameter in method.Parameters)
                {
                    signature.Append(SymbolNames.Type(parameter.Type)).Append(',');
                }
                builder.Append('.').Append(StableHash.Of(signature.ToString()));
            }
            return builder.ToString();
        }

        private static string Sanitize(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (var c in name)
            {
                builder.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ? c : '_');
            }
            return builder.ToString();
        }
    }
}
