namespace Rtvi.Generators
{
    /// <summary>Names of the pipeline steps, so tests can assert how each one was (re)computed.</summary>
    internal static class TrackingNames
    {
        public const string CompilationInfo = nameof(CompilationInfo);
        public const string Services = nameof(Services);
        public const string Options = nameof(Options);
        public const string Actions = nameof(Actions);
        public const string ClientMessages = nameof(ClientMessages);
        public const string OptionSources = nameof(OptionSources);
        public const string ActionSources = nameof(ActionSources);
        public const string ClientMessageSources = nameof(ClientMessageSources);
        public const string AllHandlers = nameof(AllHandlers);
        public const string Registry = nameof(Registry);
        public const string Payloads = nameof(Payloads);
        public const string JsonResolver = nameof(JsonResolver);
    }
}
