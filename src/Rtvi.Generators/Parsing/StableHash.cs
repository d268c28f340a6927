using System.Globalization;

namespace Rtvi.Generators.Parsing
{
    /// <summary>A 64-bit FNV-1a hash, stable across processes and platforms (string.GetHashCode is not).</summary>
    internal static class StableHash
    {
        public static string Of(string text)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in text)
            {
                hash = unchecked((hash ^ c) * 1099511628211UL);
            }
            return hash.ToString("x16", CultureInfo.InvariantCulture);
        }
    }
}
