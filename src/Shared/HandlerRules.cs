using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Rtvi.CodeAnalysis
{
    /// <summary>The attribute that makes a method a handler.</summary>
    internal enum HandlerKind
    {
        Option,
        Action,
        ClientMessage,
    }

    /// <summary>Why a method cannot be a handler (the analyzers turn each into a diagnostic).</summary>
    internal enum HandlerRuleViolation
    {
        /// <summary>The method, a containing type, or a parameter/return type is not visible to generated code (must be public or internal).</summary>
        NotAccessible,
        /// <summary><c>async void</c>: completion and failures cannot be observed.</summary>
        AsyncVoid,
        /// <summary>The return type is not void, Task, ValueTask, Task&lt;T&gt;, ValueTask&lt;T&gt; or T (options: void, Task or ValueTask only).</summary>
        UnsupportedReturnType,
        /// <summary>A generic method, or a method of a generic type.</summary>
        GenericMethod,
        /// <summary>A ref/out/in/pointer/ref-struct parameter.</summary>
        RefLikeParameter,
        /// <summary>More than one CancellationToken parameter.</summary>
        MultipleCancellationTokens,
        /// <summary>A parameter is neither injected nor expressible as a wire type (object, dynamic, delegates, the wrong context type…).</summary>
        UnmappableParameterType,
        /// <summary>An option handler must take exactly one value parameter.</summary>
        OptionValueParameterCount,
        /// <summary>The result (T of Task&lt;T&gt;/ValueTask&lt;T&gt;) cannot be expressed as a wire type.</summary>
        UnmappableResultType,
        /// <summary>An option or action outside an [RtviService] class without <c>Service =</c>.</summary>
        MissingService,
        /// <summary>The service, option or action name (or client-message type) is not a valid wire name.</summary>
        InvalidName,
        /// <summary>An instance handler whose class DI cannot create (abstract, a struct, no public or internal constructor).</summary>
        ServiceNotConstructible,
        /// <summary>A client-message type that is a built-in message type or contains ':' (reserved for <c>service:action</c>).</summary>
        ClientMessageNameCollision,
        /// <summary>An action that takes <c>RtviArguments</c> also takes other JSON-bound parameters.</summary>
        RawArgumentsWithOtherParameters,
        /// <summary>A client-message handler takes more than one data parameter (only <c>d</c> can be bound).</summary>
        ClientMessageDataParameterCount,
        /// <summary>
        /// Not an ordinary method (<see cref="HandlerRules.IsOrdinaryMethod"/>): a local function, lambda, accessor, operator,
        /// finalizer or explicit interface implementation. Reported alone: the other rules do not apply to such methods.
        /// </summary>
        NotOrdinaryMethod,
    }

    /// <summary>One rule violation; <see cref="ParameterIndex"/> is the offending parameter or -1.</summary>
    internal readonly struct HandlerViolation
    {
        public HandlerViolation(HandlerRuleViolation kind, int parameterIndex = -1)
        {
            Kind = kind;
            ParameterIndex = parameterIndex;
        }

        public HandlerRuleViolation Kind { get; }
        public int ParameterIndex { get; }
    }

    /// <summary>Where a parameter's value comes from.</summary>
    internal enum ParameterSource
    {
        /// <summary>Bound from JSON (an option value, an action argument, a client-message's <c>d</c>).</summary>
        Json,
        CancellationToken,
        Session,
        /// <summary>The handler's own context (RtviOptionContext/RtviActionContext/RtviClientMessageContext).</summary>
        Context,
        /// <summary>An action's raw argument map.</summary>
        Arguments,
        /// <summary>Resolved from the session's service provider: interfaces and [RtviService] classes.</summary>
        Service,
    }

    /// <summary>How the handler's return value is produced.</summary>
    internal enum ReturnShape
    {
        Void,
        Task,
        ValueTask,
        /// <summary>A plain value T.</summary>
        Value,
        TaskOfT,
        ValueTaskOfT,
    }

    /// <summary>A bindable parameter.</summary>
    internal sealed class ParameterPlan
    {
        public ParameterPlan(IParameterSymbol symbol, ParameterSource source, WireMapping? mapping, string wireName)
        {
            Symbol = symbol;
            Source = source;
            Mapping = mapping;
            WireName = wireName;
        }

        public IParameterSymbol Symbol { get; }
        public ParameterSource Source { get; }

        /// <summary>The wire mapping of a <see cref="ParameterSource.Json"/> parameter.</summary>
        public WireMapping? Mapping { get; }

        /// <summary>The argument name on the wire (snake_case of the C# name; for options the option name, for client messages <c>d</c>).</summary>
        public string WireName { get; }

        /// <summary>Whether the value may be absent: it has a default or accepts null.</summary>
        public bool IsOptional => Symbol.HasExplicitDefaultValue || (Mapping?.IsNullable ?? false) || Symbol.IsOptional;
    }

    /// <summary>Everything needed to generate a valid handler.</summary>
    internal sealed class HandlerPlan
    {
        public HandlerPlan(IMethodSymbol method, HandlerKind kind, string name, string? service, ImmutableArray<ParameterPlan> parameters,
            ReturnShape returnShape, ITypeSymbol? resultType, WireMapping? result)
        {
            Method = method;
            Kind = kind;
            Name = name;
            Service = service;
            Parameters = parameters;
            ReturnShape = returnShape;
            ResultType = resultType;
            Result = result;
        }

        public IMethodSymbol Method { get; }
        public HandlerKind Kind { get; }

        /// <summary>The option or action name, or the client-message type.</summary>
        public string Name { get; }

        /// <summary>The owning service (options and actions).</summary>
        public string? Service { get; }

        public ImmutableArray<ParameterPlan> Parameters { get; }
        public ReturnShape ReturnShape { get; }

        /// <summary>The produced value's type (T of Task&lt;T&gt;), or null for void/Task/ValueTask.</summary>
        public ITypeSymbol? ResultType { get; }

        /// <summary>How the result maps, or null when there is no value (void/Task/ValueTask) or it is an <c>RtviResult</c>/<c>RtviArguments</c>.</summary>
        public WireMapping? Result { get; }

        /// <summary>Whether the result is already an <c>RtviResult</c> (passed through) or the raw <c>RtviArguments</c>.</summary>
        public bool ResultIsRtviResult { get; set; }
        public bool ResultIsArguments { get; set; }
    }

    /// <summary>The outcome of checking one method.</summary>
    internal sealed class HandlerCheck
    {
        public HandlerCheck(ImmutableArray<HandlerViolation> violations, HandlerPlan? plan)
        {
            Violations = violations;
            Plan = plan;
        }

        public ImmutableArray<HandlerViolation> Violations { get; }

        /// <summary>The plan, when there are no violations.</summary>
        public HandlerPlan? Plan { get; }

        public bool IsValid => Violations.IsEmpty && Plan != null;
    }

    /// <summary>Whether a method can be a handler, and how it binds. One source for the generator and the analyzers.</summary>
    internal static class HandlerRules
    {
        /// <summary>The handler kind of an attribute class, or null when it is not a handler attribute.</summary>
        public static HandlerKind? GetKind(INamedTypeSymbol? attributeClass, KnownTypes known)
        {
            if (KnownTypes.Is(attributeClass, known.RtviOptionAttribute)) return HandlerKind.Option;
            if (KnownTypes.Is(attributeClass, known.RtviActionAttribute)) return HandlerKind.Action;
            if (KnownTypes.Is(attributeClass, known.RtviClientMessageAttribute)) return HandlerKind.ClientMessage;
            return null;
        }

        /// <summary>The service name an [RtviService] class declares, or null.</summary>
        public static string? GetServiceName(INamedTypeSymbol? type, KnownTypes known)
        {
            if (type == null)
            {
                return null;
            }
            foreach (var attribute in type.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.RtviServiceAttribute))
                {
                    return FirstString(attribute);
                }
            }
            return null;
        }

        /// <summary>
        /// Whether <paramref name="method"/> is an ordinary method declared in a type, the only kind the generator binds (it calls
        /// handlers by name). Local functions and lambdas accept method attributes but are not members; accessors, operators,
        /// finalizers and explicit interface implementations cannot be called by their method name.
        /// </summary>
        public static bool IsOrdinaryMethod(IMethodSymbol method) => method.MethodKind == MethodKind.Ordinary;

        /// <summary>Checks a method carrying <paramref name="attribute"/> (an option, action or client-message attribute).</summary>
        public static HandlerCheck Check(IMethodSymbol method, AttributeData attribute, KnownTypes known)
        {
            var kind = GetKind(attribute.AttributeClass, known) ?? throw new System.ArgumentException("Not a handler attribute.", nameof(attribute));
            var name = FirstString(attribute);
            string? service = null;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Service" && argument.Value.Value is string value)
                {
                    service = value;
                }
            }
            return Check(method, kind, name, service, known);
        }

        /// <summary>
        /// Checks <paramref name="method"/> as a handler of <paramref name="kind"/> named <paramref name="name"/>;
        /// <paramref name="explicitService"/> is the attribute's <c>Service =</c> (else the containing [RtviService] class's name).
        /// </summary>
        public static HandlerCheck Check(IMethodSymbol method, HandlerKind kind, string? name, string? explicitService, KnownTypes known)
        {
            if (!IsOrdinaryMethod(method))
            {
                return new HandlerCheck(ImmutableArray.Create(new HandlerViolation(HandlerRuleViolation.NotOrdinaryMethod)), null);
            }
            var violations = ImmutableArray.CreateBuilder<HandlerViolation>();
            var containingType = method.ContainingType;

            // Names.
            string? service = null;
            if (kind == HandlerKind.ClientMessage)
            {
                if (NameRules.CollidesWithBuiltIn(name))
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.ClientMessageNameCollision));
                }
                else if (!NameRules.IsValidClientMessageType(name))
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.InvalidName));
                }
            }
            else
            {
                service = explicitService ?? GetServiceName(containingType, known);
                if (service == null)
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.MissingService));
                }
                if ((service != null && !NameRules.IsValidName(service)) || !NameRules.IsValidName(name))
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.InvalidName));
                }
            }

            // Shape of the method and its type.
            if (!IsAccessible(method) || !IsTypeAccessible(method.ReturnType))
            {
                violations.Add(new HandlerViolation(HandlerRuleViolation.NotAccessible));
            }
            if (method.IsGenericMethod || IsInGenericType(containingType))
            {
                violations.Add(new HandlerViolation(HandlerRuleViolation.GenericMethod));
            }
            if (!method.IsStatic && !IsConstructible(containingType))
            {
                violations.Add(new HandlerViolation(HandlerRuleViolation.ServiceNotConstructible));
            }

            // Return type.
            var returnShape = ReturnShape.Void;
            ITypeSymbol? resultType = null;
            if (method.IsAsync && method.ReturnsVoid)
            {
                violations.Add(new HandlerViolation(HandlerRuleViolation.AsyncVoid));
            }
            else if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                violations.Add(new HandlerViolation(HandlerRuleViolation.UnsupportedReturnType));
            }
            else
            {
                returnShape = GetReturnShape(method.ReturnType, known, out resultType);
                if (kind == HandlerKind.Option && resultType != null)
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.UnsupportedReturnType));
                }
            }
            WireMapping? result = null;
            var resultIsRtviResult = false;
            var resultIsArguments = false;
            if (resultType != null && kind != HandlerKind.Option)
            {
                if (KnownTypes.Is(resultType, known.RtviResult))
                {
                    resultIsRtviResult = true;
                }
                else if (KnownTypes.Is(resultType, known.RtviArguments))
                {
                    resultIsArguments = true;
                }
                else
                {
                    result = WireTypeMapper.Map(resultType, known);
                    if (!result.IsMappable)
                    {
                        violations.Add(new HandlerViolation(HandlerRuleViolation.UnmappableResultType));
                    }
                }
            }

            // Parameters.
            var parameters = ImmutableArray.CreateBuilder<ParameterPlan>(method.Parameters.Length);
            var cancellationTokens = 0;
            var jsonParameters = 0;
            var takesArguments = false;
            for (var i = 0; i < method.Parameters.Length; i++)
            {
                var parameter = method.Parameters[i];
                if (parameter.RefKind != RefKind.None || parameter.Type.TypeKind == TypeKind.Pointer ||
                    parameter.Type.TypeKind == TypeKind.FunctionPointer || parameter.Type.IsRefLikeType)
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.RefLikeParameter, i));
                    continue;
                }
                if (!IsTypeAccessible(parameter.Type))
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.NotAccessible, i));
                    continue;
                }
                var plan = ClassifyParameter(parameter, kind, name, known);
                if (plan == null)
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.UnmappableParameterType, i));
                    continue;
                }
                switch (plan.Source)
                {
                    case ParameterSource.CancellationToken:
                        if (++cancellationTokens == 2)
                        {
                            violations.Add(new HandlerViolation(HandlerRuleViolation.MultipleCancellationTokens, i));
                        }
                        break;
                    case ParameterSource.Arguments:
                        takesArguments = true;
                        break;
                    case ParameterSource.Json:
                        jsonParameters++;
                        if (kind == HandlerKind.ClientMessage && jsonParameters == 2)
                        {
                            violations.Add(new HandlerViolation(HandlerRuleViolation.ClientMessageDataParameterCount, i));
                        }
                        if (kind == HandlerKind.Action && takesArguments)
                        {
                            violations.Add(new HandlerViolation(HandlerRuleViolation.RawArgumentsWithOtherParameters, i));
                        }
                        break;
                }
                parameters.Add(plan);
            }
            if (kind == HandlerKind.Option && jsonParameters != 1 && parameters.Count == method.Parameters.Length)
            {
                violations.Add(new HandlerViolation(HandlerRuleViolation.OptionValueParameterCount));
            }
            if (kind == HandlerKind.Action && takesArguments && jsonParameters > 0)
            {
                // Reported once, on the first JSON parameter declared before the RtviArguments one, if not yet reported.
                var reported = false;
                foreach (var violation in violations)
                {
                    reported |= violation.Kind == HandlerRuleViolation.RawArgumentsWithOtherParameters;
                }
                if (!reported)
                {
                    violations.Add(new HandlerViolation(HandlerRuleViolation.RawArgumentsWithOtherParameters, FirstJsonParameter(parameters)));
                }
            }

            if (violations.Count > 0)
            {
                return new HandlerCheck(violations.ToImmutable(), null);
            }
            var handler = new HandlerPlan(method, kind, name!, service, parameters.ToImmutable(), returnShape, resultType, result)
            {
                ResultIsRtviResult = resultIsRtviResult,
                ResultIsArguments = resultIsArguments,
            };
            return new HandlerCheck(ImmutableArray<HandlerViolation>.Empty, handler);
        }

        /// <summary>
        /// Where a parameter comes from. Injected: CancellationToken, RtviSession, the handler's own context type,
        /// RtviArguments (actions), interfaces that are not collections, and [RtviService] classes (from DI).
        /// Everything else binds from JSON. Null when the parameter can be neither.
        /// </summary>
        public static ParameterPlan? ClassifyParameter(IParameterSymbol parameter, HandlerKind kind, string? handlerName, KnownTypes known)
        {
            var type = parameter.Type;
            if (KnownTypes.Is(type, known.CancellationToken)) return new ParameterPlan(parameter, ParameterSource.CancellationToken, null, parameter.Name);
            if (KnownTypes.Is(type, known.RtviSession)) return new ParameterPlan(parameter, ParameterSource.Session, null, parameter.Name);
            if (KnownTypes.Is(type, known.RtviOptionContext) || KnownTypes.Is(type, known.RtviActionContext) ||
                KnownTypes.Is(type, known.RtviClientMessageContext))
            {
                var own = kind switch
                {
                    HandlerKind.Option => known.RtviOptionContext,
                    HandlerKind.Action => known.RtviActionContext,
                    _ => known.RtviClientMessageContext,
                };
                return KnownTypes.Is(type, own) ? new ParameterPlan(parameter, ParameterSource.Context, null, parameter.Name) : null;
            }
            if (KnownTypes.Is(type, known.RtviArguments))
            {
                return kind == HandlerKind.Action ? new ParameterPlan(parameter, ParameterSource.Arguments, null, parameter.Name) : null;
            }

            if (IsServiceType(type, known))
            {
                return new ParameterPlan(parameter, ParameterSource.Service, null, parameter.Name);
            }
            var mapping = WireTypeMapper.Map(type, known);
            if (mapping.IsMappable)
            {
                var wireName = kind switch
                {
                    HandlerKind.Option => handlerName ?? parameter.Name,
                    HandlerKind.ClientMessage => "d",
                    _ => NameRules.ToArgumentName(parameter.Name),
                };
                return new ParameterPlan(parameter, ParameterSource.Json, mapping, wireName);
            }
            return null;
        }

        /// <summary>Whether a parameter of <paramref name="type"/> is resolved from DI: a non-collection interface or an [RtviService] class.</summary>
        public static bool IsServiceType(ITypeSymbol type, KnownTypes known) =>
            type is INamedTypeSymbol named &&
            ((named.TypeKind == TypeKind.Interface && !WireTypeMapper.Map(type, known).IsMappable) ||
             (named.TypeKind == TypeKind.Class && GetServiceName(named, known) != null));

        /// <summary>Whether DI can construct instances of <paramref name="type"/> (a non-abstract class with a public or internal constructor).</summary>
        public static bool IsConstructible(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic)
            {
                return false;
            }
            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
                {
                    return true;
                }
            }
            return false;
        }

        private static ReturnShape GetReturnShape(ITypeSymbol type, KnownTypes known, out ITypeSymbol? resultType)
        {
            resultType = null;
            if (type.SpecialType == SpecialType.System_Void) return ReturnShape.Void;
            if (KnownTypes.Is(type, known.Task) && type is INamedTypeSymbol { IsGenericType: false }) return ReturnShape.Task;
            if (KnownTypes.Is(type, known.ValueTask) && type is INamedTypeSymbol { IsGenericType: false }) return ReturnShape.ValueTask;
            if (type is INamedTypeSymbol { IsGenericType: true } named)
            {
                if (KnownTypes.Is(named, known.TaskOfT))
                {
                    resultType = named.TypeArguments[0];
                    return ReturnShape.TaskOfT;
                }
                if (KnownTypes.Is(named, known.ValueTaskOfT))
                {
                    resultType = named.TypeArguments[0];
                    return ReturnShape.ValueTaskOfT;
                }
            }
            resultType = type;
            return ReturnShape.Value;
        }

        private static int FirstJsonParameter(ImmutableArray<ParameterPlan>.Builder parameters)
        {
            foreach (var parameter in parameters)
            {
                if (parameter.Source == ParameterSource.Json)
                {
                    return parameter.Symbol.Ordinal;
                }
            }
            return -1;
        }

        private static bool IsInGenericType(INamedTypeSymbol? type)
        {
            for (; type != null; type = type.ContainingType)
            {
                if (type.IsGenericType)
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsAccessible(ISymbol symbol)
        {
            for (; symbol != null && symbol.Kind != SymbolKind.Namespace; symbol = symbol.ContainingSymbol)
            {
                // File-local types report Internal but are invisible to generated files.
                if (!(symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) ||
                    symbol is INamedTypeSymbol { IsFileLocal: true })
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsTypeAccessible(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return IsTypeAccessible(array.ElementType);
                case IPointerTypeSymbol:
                case ITypeParameterSymbol:
                case IDynamicTypeSymbol:
                case IErrorTypeSymbol:
                    return true; // reported by other rules
                case INamedTypeSymbol named:
                    if (!IsAccessible(named))
                    {
                        return false;
                    }
                    foreach (var argument in named.TypeArguments)
                    {
                        if (!IsTypeAccessible(argument))
                        {
                            return false;
                        }
                    }
                    return true;
                default:
                    return true;
            }
        }

        private static string? FirstString(AttributeData attribute) =>
            attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
    }
}
