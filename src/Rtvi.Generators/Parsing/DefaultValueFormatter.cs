using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Rtvi.Generators.Parsing
{
    /// <summary>Spells a parameter's C# default value as an expression of its declared type.</summary>
    internal static class DefaultValueFormatter
    {
        public static string Format(IParameterSymbol parameter, string declaredType)
        {
            if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is null)
            {
                return "default(" + declaredType + ")";
            }
            var value = parameter.ExplicitDefaultValue;
            var literal = value switch
            {
                string text => SymbolDisplay.FormatLiteral(text, quote: true),
                bool flag => flag ? "true" : "false",
                char c => SymbolDisplay.FormatLiteral(c, quote: true),
                float f => Float(f),
                double d => Double(d),
                decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
                long l => l.ToString(CultureInfo.InvariantCulture) + "L",
                ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
                uint ui => ui.ToString(CultureInfo.InvariantCulture) + "U",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            };
            if (literal is null)
            {
                return "default(" + declaredType + ")";
            }
            // The cast types the constant (enums, narrow integers); it is harmless for the rest.
            return "(" + declaredType + ")(" + literal + ")";
        }

        private static string Float(float f) =>
            float.IsNaN(f) ? "float.NaN" :
            float.IsPositiveInfinity(f) ? "float.PositiveInfinity" :
            float.IsNegativeInfinity(f) ? "float.NegativeInfinity" :
            f.ToString("R", CultureInfo.InvariantCulture) + "F";

        private static string Double(double d) =>
            double.IsNaN(d) ? "double.NaN" :
            double.IsPositiveInfinity(d) ? "double.PositiveInfinity" :
            double.IsNegativeInfinity(d) ? "double.NegativeInfinity" :
            d.ToString("R", CultureInfo.InvariantCulture) + "D";
    }
}
