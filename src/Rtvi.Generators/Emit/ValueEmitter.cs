using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Emit
{
    /// <summary>Expressions converting JSON to C# values and C# values to <c>RtviResult</c>.</summary>
    internal static class ValueEmitter
    {
        /// <summary>An expression reading <paramref name="element"/> (a present JSON value) as <paramref name="value"/>'s type.</summary>
        public static string Read(ValueModel value, string element, string wireName, CompilationModel compilation)
        {
            var read = ReadNonNull(value, element, wireName, compilation);
            if (!value.IsNullable)
            {
                return read;
            }
            var nullValue = value.IsNullableValueType ? "default(" + value.TypeName + "?)" : "null";
            return Literals.Binder + ".IsNull(" + element + ") ? " + nullValue + " : " + read;
        }

        /// <summary>An expression turning the local <paramref name="local"/> into an <c>RtviResult</c>.</summary>
        public static string Write(ValueModel value, string local, CompilationModel compilation)
        {
            if (value.IsNullableValueType)
            {
                return local + " is { } value ? " + WriteNonNull(value, "value", compilation) + " : " + Literals.Result + ".Null";
            }
            return WriteNonNull(value, local, compilation);
        }

        private static string ReadNonNull(ValueModel value, string element, string wireName, CompilationModel compilation)
        {
            var name = Literals.String(wireName);
            switch (value.Conversion)
            {
                case ValueConversion.Enum:
                    return Literals.Binder + ".GetEnum<" + value.TypeName + ">(" + element + ", " + name + ")";
                case ValueConversion.Array:
                case ValueConversion.List:
                    var item = value.Element!;
                    var itemReader = item.Conversion == ValueConversion.Enum
                        ? Literals.Binder + ".GetEnum<" + item.TypeName + ">"
                        : Literals.Binder + "." + item.BinderMethod;
                    var method = value.Conversion == ValueConversion.Array ? ".GetArray<" : ".GetList<";
                    return Literals.Binder + method + item.TypeName + ">(" + element + ", " + name + ", " + itemReader + ")";
                case ValueConversion.Node:
                    return "global::System.Text.Json.Nodes.JsonNode.Parse(" + element + ".GetRawText()) ?? throw new global::Rtvi.RtviBindingException(" +
                        Literals.String("'" + wireName + "' must not be null") + ")";
                case ValueConversion.Json:
                    return Literals.Binder + ".GetJson<" + value.TypeName + ">(" + element + ", " + name + ", " + compilation.GetTypeInfo(value) + ")";
                default:
                    return Literals.Binder + "." + value.BinderMethod + "(" + element + ", " + name + ")";
            }
        }

        private static string WriteNonNull(ValueModel value, string local, CompilationModel compilation)
        {
            switch (value.Conversion)
            {
                case ValueConversion.Boolean:
                    return Literals.Result + ".FromBoolean(" + local + ")";
                case ValueConversion.Number:
                    return value.BinderMethod switch
                    {
                        "GetSingle" or "GetDouble" => Literals.Result + ".FromDouble(" + local + ")",
                        "GetDecimal" or "GetUInt64" => Literals.Result + ".FromDecimal(" + local + ")",
                        _ => Literals.Result + ".FromInt64(" + local + ")",
                    };
                case ValueConversion.String:
                    return Literals.Result + ".FromString(" + local + ")";
                case ValueConversion.Enum:
                case ValueConversion.Guid:
                    return Literals.Result + ".FromString(" + local + ".ToString())";
                case ValueConversion.DateTime:
                case ValueConversion.DateTimeOffset:
                    return Literals.Result + ".FromString(" + local + ".ToString(\"O\", global::System.Globalization.CultureInfo.InvariantCulture))";
                case ValueConversion.Element:
                    return Literals.Result + ".FromElement(" + local + ")";
                case ValueConversion.Node:
                    return local + " is null ? " + Literals.Result + ".Null : " + Literals.Result +
                        ".FromUtf8Json(global::System.Text.Encoding.UTF8.GetBytes(" + local + ".ToJsonString()))";
                default:
                    return Literals.Result + ".FromJson<" + value.TypeName + ">(" + local + ", " + compilation.GetTypeInfo(value) + ")";
            }
        }
    }
}
