using Microsoft.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>The descriptors of every Rtvi diagnostic (ids in <see cref="RtviDiagnosticIds"/>, pages in docs/diagnostics).</summary>
    internal static class RtviDiagnostics
    {
        /// <summary>Where each id's page lives: an absolute URL (the build property <c>RtviDocsBaseUrl</c>), so IDEs can open it.</summary>
        public const string HelpLinkBase = RtviDocs.DiagnosticsBaseUrl;

        private const string Handlers = "Rtvi.Handlers";
        private const string Declarations = "Rtvi.Declarations";
        private const string Json = "Rtvi.Json";
        private const string Protocol = "Rtvi.Protocol";

        /// <summary>A descriptor enabled by default whose help link is the id's page.</summary>
        private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category,
            DiagnosticSeverity severity, params string[] customTags) =>
            new DiagnosticDescriptor(id, title, messageFormat, category, severity, isEnabledByDefault: true,
                description: null, helpLinkUri: HelpLinkBase + id + ".md", customTags);

        public static readonly DiagnosticDescriptor HandlerNotAccessible = Create(
            RtviDiagnosticIds.HandlerNotAccessible,
            "Handler is not accessible to generated code",
            "Handler '{0}' is not accessible to generated code: the method, its containing types and its parameter and return types must be public or internal",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor AsyncVoidHandler = Create(
            RtviDiagnosticIds.AsyncVoidHandler,
            "Handler is async void",
            "Handler '{0}' is async void: return Task or ValueTask so its completion and failures can be observed",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
            RtviDiagnosticIds.UnsupportedReturnType,
            "Handler return type is not supported",
            "Handler '{0}' returns '{1}': {2}",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor GenericHandler = Create(
            RtviDiagnosticIds.GenericHandler,
            "Handler is generic",
            "Handler '{0}' is generic or declared in a generic type: handlers are non-generic methods of non-generic types",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ByRefParameter = Create(
            RtviDiagnosticIds.ByRefParameter,
            "Handler parameter is passed by reference",
            "Parameter '{0}' of handler '{1}' is ref, out, in, a pointer or a ref struct: handler parameters are plain values",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MultipleCancellationTokens = Create(
            RtviDiagnosticIds.MultipleCancellationTokens,
            "Handler takes more than one CancellationToken",
            "Handler '{0}' takes more than one CancellationToken ('{1}' is the second): take at most one",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnmappableParameterType = Create(
            RtviDiagnosticIds.UnmappableParameterType,
            "Handler parameter type has no wire mapping",
            "Parameter '{0}' of handler '{1}' has type '{2}', which is neither injected nor expressible as an RTVI wire type (bool, number, string, array, object)",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor OptionValueParameterCount = Create(
            RtviDiagnosticIds.OptionValueParameterCount,
            "Option handler must take exactly one value parameter",
            "Option handler '{0}' takes {1} value parameters: an option handler takes exactly one (besides injected parameters)",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnmappableResultType = Create(
            RtviDiagnosticIds.UnmappableResultType,
            "Handler result type has no wire mapping",
            "Handler '{0}' produces '{1}', which cannot be expressed as an RTVI wire type (bool, number, string, array, object)",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor RawArgumentsWithOtherParameters = Create(
            RtviDiagnosticIds.RawArgumentsWithOtherParameters,
            "Action takes RtviArguments and typed arguments",
            "Action '{0}' takes the raw RtviArguments map and the typed argument '{1}': take either the map or typed parameters",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ClientMessageDataParameterCount = Create(
            RtviDiagnosticIds.ClientMessageDataParameterCount,
            "Client-message handler takes more than one data parameter",
            "Client-message handler '{0}' takes a second data parameter '{1}': only the message's 'd' can be bound",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor IgnoredArgumentDeclaration = Create(
            RtviDiagnosticIds.IgnoredArgumentDeclaration,
            "[RtviArgument] is ignored on this method",
            "[RtviArgument(\"{0}\")] on '{1}' is ignored: {2}",
            Declarations, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor InvalidArgumentDeclaration = Create(
            RtviDiagnosticIds.InvalidArgumentDeclaration,
            "Declared action argument name is invalid or repeated",
            "The argument '{0}' declared by [RtviArgument] on action '{1}' {2}",
            Declarations, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor HandlerNotOrdinaryMethod = Create(
            RtviDiagnosticIds.HandlerNotOrdinaryMethod,
            "Handler is not an ordinary method",
            "[{0}] is on {1}, which the generator never binds: handlers are ordinary methods declared in a class",
            Handlers, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MissingService = Create(
            RtviDiagnosticIds.MissingService,
            "Option or action has no service",
            "{1} '{0}' is declared outside an [RtviService] class: set Service = \"...\" on the attribute or move the method into a service class",
            Declarations, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidName = Create(
            RtviDiagnosticIds.InvalidName,
            "Name is not a valid RTVI wire name",
            "The {1} '{0}' of '{2}' is not valid: {3}",
            Declarations, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor DuplicateServiceName = Create(
            RtviDiagnosticIds.DuplicateServiceName,
            "Service name is declared by more than one class",
            "Service name '{0}' is also declared by '{1}': the classes' options and actions would merge into one service; give each class its own name",
            Declarations, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor DuplicateOptionName = Create(
            RtviDiagnosticIds.DuplicateOptionName,
            "Option name is declared more than once",
            "Option '{0}' of service '{1}' is also declared by '{2}': option names must be unique within a service",
            Declarations, DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor DuplicateActionName = Create(
            RtviDiagnosticIds.DuplicateActionName,
            "Action name is declared more than once",
            "Action '{0}' of service '{1}' is also declared by '{2}': action names must be unique within a service",
            Declarations, DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor DuplicateClientMessageType = Create(
            RtviDiagnosticIds.DuplicateClientMessageType,
            "Client-message type is handled more than once",
            "Client-message type '{0}' is also handled by '{1}': each type has exactly one handler",
            Declarations, DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor ServiceNotConstructible = Create(
            RtviDiagnosticIds.ServiceNotConstructible,
            "Handler class cannot be constructed by dependency injection",
            "Handler '{0}' is an instance method of '{1}', which dependency injection cannot construct (abstract, static, a struct, or no public or internal constructor): make the method static or the class constructible",
            Declarations, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor TypeNotInJsonContext = Create(
            RtviDiagnosticIds.TypeNotInJsonContext,
            "Type the generator cannot describe is not covered by the JSON serializer context",
            "Type '{0}' ({1} of handler '{2}') needs the JSON serializer context '{3}' because {4}: add [JsonSerializable(typeof({0}))] to it",
            Json, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor MissingJsonContext = Create(
            RtviDiagnosticIds.MissingJsonContext,
            "Type the generator cannot describe needs a JSON serializer context",
            "Handler '{0}' binds '{1}', which the generator cannot describe because {2}: cover it with your own JsonSerializerContext ([JsonSerializable(typeof({1}))]) named by [assembly: RtviJsonContext(typeof(YourJsonContext))]",
            Json, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidJsonContext = Create(
            RtviDiagnosticIds.InvalidJsonContext,
            "RtviJsonContext type is not a JsonSerializerContext",
            "'{0}' named by [assembly: RtviJsonContext] does not derive from System.Text.Json.Serialization.JsonSerializerContext",
            Json, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor JsonContextNotPartial = Create(
            RtviDiagnosticIds.JsonContextNotPartial,
            "JSON serializer context is not partial",
            "JSON serializer context '{0}' and its containing types must be partial so the System.Text.Json source generator can implement it",
            Json, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor ClientMessageTypeCollision = Create(
            RtviDiagnosticIds.ClientMessageTypeCollision,
            "Client-message type collides with a protocol message type",
            "Client-message type '{0}' of '{1}' collides with {2}: choose another type",
            Protocol, DiagnosticSeverity.Error);
    }
}
