namespace Rtvi.AspNetCore.Configuration;

/// <summary>The hand-written checks' messages; <c>{0}</c> is the configuration key (<c>Rtvi:Limits:HandshakeTimeout</c>).</summary>
internal static class RtviSettingsMessages
{
    public const string AtLeast = "Configuration value '{0}' is out of range; expected a whole number, {1} or more.";
    public const string ZeroOrMoreTimeSpan = "Configuration value '{0}' is out of range; expected a time span (hh:mm:ss), zero or more.";
    public const string PositiveTimeSpan = "Configuration value '{0}' is out of range; expected a positive time span (hh:mm:ss) or -00:00:00.001 (infinite).";
    public const string UndefinedEnum = "Configuration value '{0}' is out of range; expected one of {1}.";
    public const string Required = "Configuration value '{0}' is missing.";
    public const string Json = "Configuration value '{0}' is not JSON; expected a JSON value such as \"text\", 0.7 or true.";
    public const string UnknownService = "Configuration value '{0}' names service '{1}', which is not registered.";
    public const string UnknownOption = "Configuration value '{0}' names option '{1}' that service '{2}' does not have.";
    public const string WrongType = "Configuration value '{0}' is JSON {1}; option '{2}.{3}' takes {4}.";
}
