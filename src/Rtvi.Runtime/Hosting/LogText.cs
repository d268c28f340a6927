using System.Text;

namespace Rtvi;

/// <summary>Makes client-supplied text safe for a log line: bounded, control characters escaped.</summary>
internal static class LogText
{
    private const int MaxLength = 128;

    /// <summary>
    /// <paramref name="value"/> truncated to 128 characters with every control character (newlines included) and lone
    /// surrogate written as <c>\uXXXX</c>, so a client cannot forge log lines or break a log sink's encoding.
    /// </summary>
    public static string Escape(string? value)
    {
        if (value is null)
        {
            return "";
        }
        var span = value.AsSpan(0, Math.Min(value.Length, MaxLength));
        if (!NeedsEscaping(span) && value.Length <= MaxLength)
        {
            return value;
        }
        var builder = new StringBuilder(span.Length + 16);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]);
            if (pair)
            {
                builder.Append(c).Append(span[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        if (value.Length > MaxLength)
        {
            builder.Append('…');
        }
        return builder.ToString();
    }

    private static bool NeedsEscaping(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }
}
