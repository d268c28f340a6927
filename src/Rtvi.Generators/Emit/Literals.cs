using Microsoft.CodeAnalysis.CSharp;
using Rtvi.CodeAnalysis;

namespace Rtvi.Generators.Emit
{
    /// <summary>Spellings shared by the emitters.</summary>
    internal static class Literals
    {
        public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"Rtvi.Generators\", \"" + GeneratorVersion + "\")]";
        public const string GeneratorVersion = "0.1.0";
        public const string Binder = "global::Rtvi.RtviBinder";
        public const string Result = "global::Rtvi.RtviResult";
        public const string JsonElement = "global::System.Text.Json.JsonElement";
        public const string CancellationToken = "global::System.Threading.CancellationToken";
        public const string ServiceProviderExtensions = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";

        public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        public static string WireType(WireKind kind) => "global::Rtvi.RtviWireType." + kind;
    }
}
