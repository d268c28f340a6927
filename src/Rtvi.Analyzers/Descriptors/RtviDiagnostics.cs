using Microsoft.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>The descriptors of every Rtvi diagnostic (ids in <see cref="RtviDiagnosticIds"/>, pages in docs/diagnostics).</summary>
    internal static class RtviDiagnostics
    {
        /// <summary>Where each id's page lives, relative to the repository root.</summary>
        public const string HelpLinkBase = "docs/diagnostics/";

        private const string Handlers = "Rtvi.Handlers";
        private const string Declarations = "Rtvi.Declarations";
        private const string Json = "Rtvi.Json";
        private const string Protocol = "Rtvi.Protocol";

        public static readonly DiagnosticDescriptor HandlerNotAccessible = new DiagnosticDescriptor(
            RtviDiagnosticIds.HandlerNotAccessible,
            "Handler is not accessible to generated code",
            "Handler '{0}' is not accessible to generated code: the method, its containing types and its parameter and return types must be public or internal",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.HandlerNotAccessible + ".md");

        public static readonly DiagnosticDescriptor AsyncVoidHandler = new DiagnosticDescriptor(
            RtviDiagnosticIds.AsyncVoidHandler,
            "Handler is async void",
            "Handler '{0}' is async void: return Task or ValueTask so its completion and failures can be observed",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.AsyncVoidHandler + ".md");

        public static readonly DiagnosticDescriptor UnsupportedReturnType = new DiagnosticDescriptor(
            RtviDiagnosticIds.UnsupportedReturnType,
            "Handler return type is not supported",
            "Handler '{0}' returns '{1}': {2}",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.UnsupportedReturnType + ".md");

        public static readonly DiagnosticDescriptor GenericHandler = new DiagnosticDescriptor(
            RtviDiagnosticIds.GenericHandler,
            "Handler is generic",
            "Handler '{0}' is generic or declared in a generic type: handlers are non-generic methods of non-generic types",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.GenericHandler + ".md");

        public static readonly DiagnosticDescriptor ByRefParameter = new DiagnosticDescriptor(
            RtviDiagnosticIds.ByRefParameter,
            "Handler parameter is passed by reference",
            "Parameter '{0}' of handler '{1}' is ref, out, in, a pointer or a ref struct: handler parameters are plain values",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.ByRefParameter + ".md");

        public static readonly DiagnosticDescriptor MultipleCancellationTokens = new DiagnosticDescriptor(
            RtviDiagnosticIds.MultipleCancellationTokens,
            "Handler takes more than one CancellationToken",
            "Handler '{0}' takes more than one CancellationToken ('{1}' is the second): take at most one",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.MultipleCancellationTokens + ".md");

        public static readonly DiagnosticDescriptor UnmappableParameterType = new DiagnosticDescriptor(
            RtviDiagnosticIds.UnmappableParameterType,
            "Handler parameter type has no wire mapping",
            "Parameter '{0}' of handler '{1}' has type '{2}', which is neither injected nor expressible as an RTVI wire type (bool, number, string, array, object)",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.UnmappableParameterType + ".md");

        public static readonly DiagnosticDescriptor OptionValueParameterCount = new DiagnosticDescriptor(
            RtviDiagnosticIds.OptionValueParameterCount,
            "Option handler must take exactly one value parameter",
            "Option handler '{0}' takes {1} value parameters: an option handler takes exactly one (besides injected parameters)",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.OptionValueParameterCount + ".md");

        public static readonly DiagnosticDescriptor UnmappableResultType = new DiagnosticDescriptor(
            RtviDiagnosticIds.UnmappableResultType,
            "Handler result type has no wire mapping",
            "Handler '{0}' produces '{1}', which cannot be expressed as an RTVI wire type (bool, number, string, array, object)",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.UnmappableResultType + ".md");

        public static readonly DiagnosticDescriptor RawArgumentsWithOtherParameters = new DiagnosticDescriptor(
            RtviDiagnosticIds.RawArgumentsWithOtherParameters,
            "Action takes RtviArguments and typed arguments",
            "Action '{0}' takes the raw RtviArguments map and the typed argument '{1}': take either the map or typed parameters",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.RawArgumentsWithOtherParameters + ".md");

        public static readonly DiagnosticDescriptor ClientMessageDataParameterCount = new DiagnosticDescriptor(
            RtviDiagnosticIds.ClientMessageDataParameterCount,
            "Client-message handler takes more than one data parameter",
            "Client-message handler '{0}' takes a second data parameter '{1}': only the message's 'd' can be bound",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.ClientMessageDataParameterCount + ".md");

        public static readonly DiagnosticDescriptor IgnoredArgumentDeclaration = new DiagnosticDescriptor(
            RtviDiagnosticIds.IgnoredArgumentDeclaration,
            "[RtviArgument] is ignored on this method",
            "[RtviArgument(\"{0}\")] on '{1}' is ignored: {2}",
            Declarations, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.IgnoredArgumentDeclaration + ".md");

        public static readonly DiagnosticDescriptor InvalidArgumentDeclaration = new DiagnosticDescriptor(
            RtviDiagnosticIds.InvalidArgumentDeclaration,
            "Declared action argument name is invalid or repeated",
            "The argument '{0}' declared by [RtviArgument] on action '{1}' {2}",
            Declarations, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.InvalidArgumentDeclaration + ".md");

        public static readonly DiagnosticDescriptor HandlerNotOrdinaryMethod = new DiagnosticDescriptor(
            RtviDiagnosticIds.HandlerNotOrdinaryMethod,
            "Handler is not an ordinary method",
            "[{0}] is on {1}, which the generator never binds: handlers are ordinary methods declared in a class",
            Handlers, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.HandlerNotOrdinaryMethod + ".md");

        public static readonly DiagnosticDescriptor MissingService = new DiagnosticDescriptor(
            RtviDiagnosticIds.MissingService,
            "Option or action has no service",
            "{1} '{0}' is declared outside an [RtviService] class: set Service = \"...\" on the attribute or move the method into a service class",
            Declarations, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.MissingService + ".md");

        public static readonly DiagnosticDescriptor InvalidName = new DiagnosticDescriptor(
            RtviDiagnosticIds.InvalidName,
            "Name is not a valid RTVI wire name",
            "The {1} '{0}' of '{2}' is not valid: {3}",
            Declarations, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.InvalidName + ".md");

        public static readonly DiagnosticDescriptor DuplicateServiceName = new DiagnosticDescriptor(RtviDiagnosticIds.DuplicateServiceName,
            "Service name is declared by more than one class",
            "Service name '{0}' is also declared by '{1}': the classes' options and actions would merge into one service; give each class its own name",
            Declarations, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: null, helpLinkUri: HelpLinkBase + RtviDiagnosticIds.DuplicateServiceName + ".md", WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor DuplicateOptionName = new DiagnosticDescriptor(
            RtviDiagnosticIds.DuplicateOptionName,
            "Option name is declared more than once",
            "Option '{0}' of service '{1}' is also declared by '{2}': option names must be unique within a service",
            Declarations, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.DuplicateOptionName + ".md", WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor DuplicateActionName = new DiagnosticDescriptor(
            RtviDiagnosticIds.DuplicateActionName,
            "Action name is declared more than once",
            "Action '{0}' of service '{1}' is also declared by '{2}': action names must be unique within a service",
            Declarations, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.DuplicateActionName + ".md", WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor DuplicateClientMessageType = new DiagnosticDescriptor(
            RtviDiagnosticIds.DuplicateClientMessageType,
            "Client-message type is handled more than once",
            "Client-message type '{0}' is also handled by '{1}': each type has exactly one handler",
            Declarations, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.DuplicateClientMessageType + ".md", WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor ServiceNotConstructible = new DiagnosticDescriptor(
            RtviDiagnosticIds.ServiceNotConstructible,
            "Handler class cannot be constructed by dependency injection",
            "Handler '{0}' is an instance method of '{1}', which dependency injection cannot construct (abstract, static, a struct, or no public or internal constructor): make the method static or the class constructible",
            Declarations, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.ServiceNotConstructible + ".md");

        public static readonly DiagnosticDescriptor TypeNotInJsonContext = new DiagnosticDescriptor(
            RtviDiagnosticIds.TypeNotInJsonContext,
            "Type is not covered by the JSON serializer context",
            "Type '{0}' ({1} of handler '{2}') is not covered by the JSON serializer context '{3}': add [JsonSerializable(typeof({0}))] to it",
            Json, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.TypeNotInJsonContext + ".md");

        public static readonly DiagnosticDescriptor MissingJsonContext = new DiagnosticDescriptor(
            RtviDiagnosticIds.MissingJsonContext,
            "No JSON serializer context is configured",
            "Handler '{0}' binds '{1}' through System.Text.Json, but no serializer context is configured: add [assembly: RtviJsonContext(typeof(YourJsonContext))]",
            Json, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.MissingJsonContext + ".md");

        public static readonly DiagnosticDescriptor InvalidJsonContext = new DiagnosticDescriptor(
            RtviDiagnosticIds.InvalidJsonContext,
            "RtviJsonContext type is not a JsonSerializerContext",
            "'{0}' named by [assembly: RtviJsonContext] does not derive from System.Text.Json.Serialization.JsonSerializerContext",
            Json, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.InvalidJsonContext + ".md");

        public static readonly DiagnosticDescriptor JsonContextNotPartial = new DiagnosticDescriptor(
            RtviDiagnosticIds.JsonContextNotPartial,
            "JSON serializer context is not partial",
            "JSON serializer context '{0}' and its containing types must be partial so the System.Text.Json source generator can implement it",
            Json, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.JsonContextNotPartial + ".md");

        public static readonly DiagnosticDescriptor ClientMessageTypeCollision = new DiagnosticDescriptor(
            RtviDiagnosticIds.ClientMessageTypeCollision,
            "Client-message type collides with a protocol message type",
            "Client-message type '{0}' of '{1}' collides with {2}: choose another type",
            Protocol, DiagnosticSeverity.Error, isEnabledByDefault: true, description: null,
            helpLinkUri: HelpLinkBase + RtviDiagnosticIds.ClientMessageTypeCollision + ".md");
    }
}
