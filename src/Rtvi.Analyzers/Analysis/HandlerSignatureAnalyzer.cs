using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Rtvi.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>
    /// Explains every [RtviOption], [RtviAction] and [RtviClientMessage] method the generator cannot bind, one diagnostic per
    /// violation of the shared <see cref="HandlerRules"/> (the generator emits nothing for those methods).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HandlerSignatureAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            RtviDiagnostics.HandlerNotAccessible,
            RtviDiagnostics.AsyncVoidHandler,
            RtviDiagnostics.UnsupportedReturnType,
            RtviDiagnostics.GenericHandler,
            RtviDiagnostics.ByRefParameter,
            RtviDiagnostics.MultipleCancellationTokens,
            RtviDiagnostics.UnmappableParameterType,
            RtviDiagnostics.OptionValueParameterCount,
            RtviDiagnostics.UnmappableResultType,
            RtviDiagnostics.RawArgumentsWithOtherParameters,
            RtviDiagnostics.ClientMessageDataParameterCount,
            RtviDiagnostics.HandlerNotOrdinaryMethod,
            RtviDiagnostics.MissingService,
            RtviDiagnostics.InvalidName,
            RtviDiagnostics.ServiceNotConstructible,
            RtviDiagnostics.ClientMessageTypeCollision);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownTypes.Get(start.Compilation);
                if (known.RtviOptionAttribute == null && known.RtviActionAttribute == null && known.RtviClientMessageAttribute == null)
                {
                    return;
                }
                start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);
                // Local functions and lambdas are not members, so symbol actions never see them.
                start.RegisterOperationAction(operation => AnalyzeFunction(operation, known), OperationKind.LocalFunction, OperationKind.AnonymousFunction);
            });
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, KnownTypes known) =>
            Analyze((IMethodSymbol)context.Symbol, known, context.ReportDiagnostic, context.CancellationToken);

        private static void AnalyzeFunction(OperationAnalysisContext context, KnownTypes known)
        {
            var method = context.Operation switch
            {
                ILocalFunctionOperation localFunction => localFunction.Symbol,
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                _ => null,
            };
            if (method != null)
            {
                Analyze(method, known, context.ReportDiagnostic, context.CancellationToken);
            }
        }

        private static void Analyze(IMethodSymbol method, KnownTypes known, System.Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            foreach (var attribute in method.GetAttributes())
            {
                var kind = HandlerRules.GetKind(attribute.AttributeClass, known);
                if (kind == null)
                {
                    continue;
                }
                var check = HandlerRules.Check(method, attribute, known);
                foreach (var violation in check.Violations)
                {
                    var diagnostic = CreateDiagnostic(method, attribute, kind.Value, violation, known, cancellationToken);
                    if (diagnostic != null)
                    {
                        report(diagnostic);
                    }
                }
            }
        }

        private static Diagnostic? CreateDiagnostic(IMethodSymbol method, AttributeData attribute, HandlerKind kind, HandlerViolation violation,
            KnownTypes known, CancellationToken cancellationToken)
        {
            var display = NameDiagnostics.Display(method);
            var methodLocation = method.Locations.Length > 0 ? method.Locations[0] : Location.None;
            var parameter = violation.ParameterIndex >= 0 ? method.Parameters[violation.ParameterIndex] : null;
            var parameterLocation = parameter?.Locations[0] ?? methodLocation;
            switch (violation.Kind)
            {
                case HandlerRuleViolation.NotAccessible:
                    return Diagnostic.Create(RtviDiagnostics.HandlerNotAccessible, parameterLocation, display);
                case HandlerRuleViolation.AsyncVoid:
                    return Diagnostic.Create(RtviDiagnostics.AsyncVoidHandler, ReturnTypeLocator.Find(method, cancellationToken), display);
                case HandlerRuleViolation.UnsupportedReturnType:
                    return Diagnostic.Create(RtviDiagnostics.UnsupportedReturnType, ReturnTypeLocator.Find(method, cancellationToken), display,
                        method.ReturnType.ToDisplayString(),
                        kind == HandlerKind.Option
                            ? "option handlers return void, Task or ValueTask"
                            : "handlers return void, Task, ValueTask, Task<T>, ValueTask<T> or T by value");
                case HandlerRuleViolation.GenericMethod:
                    return Diagnostic.Create(RtviDiagnostics.GenericHandler, methodLocation, display);
                case HandlerRuleViolation.RefLikeParameter:
                    return Diagnostic.Create(RtviDiagnostics.ByRefParameter, parameterLocation, parameter?.Name, display);
                case HandlerRuleViolation.MultipleCancellationTokens:
                    return Diagnostic.Create(RtviDiagnostics.MultipleCancellationTokens, parameterLocation, display, parameter?.Name);
                case HandlerRuleViolation.UnmappableParameterType:
                    return Diagnostic.Create(RtviDiagnostics.UnmappableParameterType, parameterLocation, parameter?.Name, display,
                        parameter?.Type.ToDisplayString());
                case HandlerRuleViolation.OptionValueParameterCount:
                    return Diagnostic.Create(RtviDiagnostics.OptionValueParameterCount, methodLocation, display,
                        CountJsonParameters(method, kind, known).ToString(System.Globalization.CultureInfo.InvariantCulture));
                case HandlerRuleViolation.UnmappableResultType:
                    return Diagnostic.Create(RtviDiagnostics.UnmappableResultType, ReturnTypeLocator.Find(method, cancellationToken), display,
                        ResultType(method, known).ToDisplayString());
                case HandlerRuleViolation.RawArgumentsWithOtherParameters:
                    return Diagnostic.Create(RtviDiagnostics.RawArgumentsWithOtherParameters, parameterLocation, display, parameter?.Name);
                case HandlerRuleViolation.ClientMessageDataParameterCount:
                    return Diagnostic.Create(RtviDiagnostics.ClientMessageDataParameterCount, parameterLocation, display, parameter?.Name);
                case HandlerRuleViolation.MissingService:
                    return Diagnostic.Create(RtviDiagnostics.MissingService, AttributeSyntaxLocator.Attribute(attribute, methodLocation, cancellationToken),
                        display, kind == HandlerKind.Option ? "Option" : "Action");
                case HandlerRuleViolation.ServiceNotConstructible:
                    return Diagnostic.Create(RtviDiagnostics.ServiceNotConstructible, methodLocation, display, method.ContainingType.Name);
                case HandlerRuleViolation.ClientMessageNameCollision:
                    var type = AttributeSyntaxLocator.Name(attribute) ?? "";
                    return Diagnostic.Create(RtviDiagnostics.ClientMessageTypeCollision,
                        AttributeSyntaxLocator.NameArgument(attribute, methodLocation, cancellationToken), type, display,
                        type.IndexOf(':') >= 0
                            ? "the 'service:action' form through which 2.x clients reach actions"
                            : "the built-in message type '" + type + "'");
                case HandlerRuleViolation.NotOrdinaryMethod:
                    return Diagnostic.Create(RtviDiagnostics.HandlerNotOrdinaryMethod, AttributeSyntaxLocator.Attribute(attribute, methodLocation, cancellationToken),
                        AttributeName(attribute), DescribeMethod(method));
                case HandlerRuleViolation.InvalidName:
                    return InvalidName(method, attribute, kind, display, methodLocation, cancellationToken);
                default:
                    return null;
            }
        }

        // The rule reports one InvalidName for the handler's name or its service; an invalid [RtviService] name is reported on
        // the class (once), so only the attribute's own texts are reported here.
        private static Diagnostic? InvalidName(IMethodSymbol method, AttributeData attribute, HandlerKind kind, string display, Location methodLocation,
            CancellationToken cancellationToken)
        {
            var name = AttributeSyntaxLocator.Name(attribute);
            if (kind == HandlerKind.ClientMessage)
            {
                return NameDiagnostics.Create(AttributeSyntaxLocator.NameArgument(attribute, methodLocation, cancellationToken), name,
                    "client-message type", display, isClientMessageType: true);
            }
            if (!NameRules.IsValidName(name))
            {
                return NameDiagnostics.Create(AttributeSyntaxLocator.NameArgument(attribute, methodLocation, cancellationToken), name,
                    kind == HandlerKind.Option ? "option name" : "action name", display, isClientMessageType: false);
            }
            var service = AttributeSyntaxLocator.ExplicitService(attribute);
            if (service != null && !NameRules.IsValidName(service))
            {
                return NameDiagnostics.Create(AttributeSyntaxLocator.ServiceArgument(attribute, cancellationToken) ?? methodLocation, service,
                    "service name", display, isClientMessageType: false);
            }
            return null;
        }

        // "RtviAction" for [RtviAction(...)].
        private static string AttributeName(AttributeData attribute)
        {
            var name = attribute.AttributeClass?.Name ?? "";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        // What a method that is not an ordinary method is, for the RTVI0014 message.
        private static string DescribeMethod(IMethodSymbol method)
        {
            var owner = method.AssociatedSymbol is { } associated ? NameDiagnostics.Display(method.ContainingType) + "." + associated.Name : "";
            switch (method.MethodKind)
            {
                case MethodKind.LocalFunction:
                    return "the local function '" + method.Name + "'";
                case MethodKind.AnonymousFunction:
                    return "a lambda";
                case MethodKind.PropertyGet:
                    return "the get accessor of '" + owner + "'";
                case MethodKind.PropertySet:
                    return "the set accessor of '" + owner + "'";
                case MethodKind.EventAdd:
                    return "the add accessor of '" + owner + "'";
                case MethodKind.EventRemove:
                    return "the remove accessor of '" + owner + "'";
                case MethodKind.UserDefinedOperator:
                case MethodKind.Conversion:
                    return "the operator '" + NameDiagnostics.Display(method) + "'";
                case MethodKind.Destructor:
                    return "the finalizer of '" + NameDiagnostics.Display(method.ContainingType) + "'";
                case MethodKind.ExplicitInterfaceImplementation:
                    return "the explicit interface implementation '" + NameDiagnostics.Display(method) + "'";
                default:
                    return "'" + NameDiagnostics.Display(method) + "'";
            }
        }

        private static int CountJsonParameters(IMethodSymbol method, HandlerKind kind, KnownTypes known)
        {
            var count = 0;
            foreach (var parameter in method.Parameters)
            {
                if (HandlerRules.ClassifyParameter(parameter, kind, null, known)?.Source == ParameterSource.Json)
                {
                    count++;
                }
            }
            return count;
        }

        private static ITypeSymbol ResultType(IMethodSymbol method, KnownTypes known)
        {
            if (method.ReturnType is INamedTypeSymbol { IsGenericType: true } named &&
                (KnownTypes.Is(named, known.TaskOfT) || KnownTypes.Is(named, known.ValueTaskOfT)))
            {
                return named.TypeArguments[0];
            }
            return method.ReturnType;
        }
    }
}
