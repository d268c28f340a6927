using System.Text;
using System.Text.RegularExpressions;

namespace Rtvi.CodeAnalysis
{
    /// <summary>What a valid wire name looks like, and how C# names become wire names.</summary>
    internal static class NameRules
    {
        private static readonly Regex WireName = new Regex("^[a-z][a-z0-9]*([_-][a-z0-9]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex ClientMessageType = new Regex("^[a-z][a-z0-9]*([_.-][a-z0-9]+)*$", RegexOptions.CultureInvariant);

        // The envelope types a client sends (mirrors Rtvi.Protocol.RtviMessageTypes, which netstandard2.0 cannot reference).
        private static readonly string[] BuiltInMessageTypes =
        {
            "client-ready", "describe-config", "describe-actions", "get-config", "update-config", "action",
            "disconnect-bot", "llm-function-call-result", "raw-audio", "raw-audio-batch", "client-message",
            "send-text", "append-to-context", "dtmf", "ui-event", "ui-snapshot", "ui-cancel-job-group",
        };

        /// <summary>Whether <paramref name="name"/> is a valid service, option or action name (<c>tts</c>, <c>run_immediately</c>).</summary>
        public static bool IsValidName(string? name) => name != null && WireName.IsMatch(name);

        /// <summary>Whether <paramref name="type"/> is a valid client-message type (also allows <c>.</c>: <c>test.echo</c>).</summary>
        public static bool IsValidClientMessageType(string? type) => type != null && ClientMessageType.IsMatch(type);

        /// <summary>
        /// Whether a client-message type collides with something the server already owns: a built-in message type, or
        /// the <c>service:action</c> keys through which 2.x clients reach actions.
        /// </summary>
        public static bool CollidesWithBuiltIn(string? type) =>
            type != null && (type.IndexOf(':') >= 0 || System.Array.IndexOf(BuiltInMessageTypes, type) >= 0);

        /// <summary>
        /// A valid name close to <paramref name="name"/> (<c>SetVoice</c> → <c>set_voice</c>), or <c>null</c> when none can be
        /// derived. <paramref name="allowDots"/> keeps dots (client-message types).
        /// </summary>
        public static string? Suggest(string? name, bool allowDots = false)
        {
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }
            var builder = new StringBuilder(name!.Length + 4);
            var pendingSeparator = '\0';
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (c >= 'A' && c <= 'Z')
                {
                    var boundary = i > 0 && (IsLowerOrDigit(name[i - 1]) || (i + 1 < name.Length && name[i + 1] >= 'a' && name[i + 1] <= 'z' && name[i - 1] >= 'A' && name[i - 1] <= 'Z'));
                    if (boundary && pendingSeparator == '\0')
                    {
                        pendingSeparator = '_';
                    }
                    Append(builder, ref pendingSeparator, (char)(c + 32));
                }
                else if (IsLowerOrDigit(c))
                {
                    Append(builder, ref pendingSeparator, c);
                }
                else if (c == '-' || (allowDots && c == '.'))
                {
                    pendingSeparator = c;
                }
                else
                {
                    pendingSeparator = pendingSeparator == '\0' ? '_' : pendingSeparator;
                }
            }
            // Drop leading digits: names start with a letter.
            var result = builder.ToString().TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '_', '-', '.');
            var valid = allowDots ? IsValidClientMessageType(result) : IsValidName(result);
            return valid ? result : null;
        }

        /// <summary>
        /// The wire name of an action argument declared by a C# parameter: snake_case, as the protocol's own names
        /// (<c>runImmediately</c> → <c>run_immediately</c>, <c>text</c> → <c>text</c>).
        /// </summary>
        public static string ToArgumentName(string parameterName)
        {
            var name = parameterName.StartsWith("@", System.StringComparison.Ordinal) ? parameterName.Substring(1) : parameterName;
            return Suggest(name) ?? name;
        }

        private static bool IsLowerOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

        private static void Append(StringBuilder builder, ref char pendingSeparator, char c)
        {
            if (pendingSeparator != '\0' && builder.Length > 0)
            {
                builder.Append(pendingSeparator);
            }
            pendingSeparator = '\0';
            builder.Append(c);
        }
    }
}
