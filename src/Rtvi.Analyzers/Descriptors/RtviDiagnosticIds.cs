namespace Rtvi.Analyzers
{
    /// <summary>
    /// Every diagnostic id, stable and never reused. Ranges: 0001–0099 handler shape, 0100–0199 declarations and names,
    /// 0200–0299 JSON/AOT, 0300–0399 protocol.
    /// </summary>
    internal static class RtviDiagnosticIds
    {
        public const string HandlerNotAccessible = "RTVI0001";
        public const string AsyncVoidHandler = "RTVI0002";
        public const string UnsupportedReturnType = "RTVI0003";
        public const string GenericHandler = "RTVI0004";
        public const string ByRefParameter = "RTVI0005";
        public const string MultipleCancellationTokens = "RTVI0006";
        public const string UnmappableParameterType = "RTVI0007";
        public const string OptionValueParameterCount = "RTVI0008";
        public const string UnmappableResultType = "RTVI0009";
        public const string RawArgumentsWithOtherParameters = "RTVI0010";
        public const string ClientMessageDataParameterCount = "RTVI0011";
        public const string IgnoredArgumentDeclaration = "RTVI0012";
        public const string InvalidArgumentDeclaration = "RTVI0013";
        public const string HandlerNotOrdinaryMethod = "RTVI0014";

        public const string MissingService = "RTVI0100";
        public const string InvalidName = "RTVI0101";
        public const string DuplicateServiceName = "RTVI0102";
        public const string DuplicateOptionName = "RTVI0103";
        public const string DuplicateActionName = "RTVI0104";
        public const string DuplicateClientMessageType = "RTVI0105";
        public const string ServiceNotConstructible = "RTVI0106";

        public const string TypeNotInJsonContext = "RTVI0200";
        public const string MissingJsonContext = "RTVI0201";
        public const string InvalidJsonContext = "RTVI0202";
        public const string JsonContextNotPartial = "RTVI0203";

        public const string ClientMessageTypeCollision = "RTVI0300";
    }
}
