using Microsoft.CodeAnalysis;

namespace Rtvi.CodeAnalysis
{
    /// <summary>The RTVI type vocabulary (member names match <c>Rtvi.RtviWireType</c>), plus "cannot be expressed".</summary>
    internal enum WireKind
    {
        Bool,
        Number,
        String,
        Array,
        Object,
        Unmappable,
    }

    /// <summary>How a JSON value becomes a C# value (and back).</summary>
    internal enum ValueConversion
    {
        /// <summary>No conversion exists; the type cannot be bound.</summary>
        Unmappable,
        /// <summary><c>bool</c> through <c>RtviBinder.GetBoolean</c>.</summary>
        Boolean,
        /// <summary>An integer or floating type, or <c>decimal</c>, through <c>RtviBinder.Get{Int32,…}</c>.</summary>
        Number,
        /// <summary><c>string</c>.</summary>
        String,
        /// <summary>An enum, from its member name.</summary>
        Enum,
        /// <summary><see cref="System.Guid"/> from a string.</summary>
        Guid,
        /// <summary><see cref="System.DateTime"/> from an ISO 8601 string.</summary>
        DateTime,
        /// <summary><see cref="System.DateTimeOffset"/> from an ISO 8601 string.</summary>
        DateTimeOffset,
        /// <summary>An array (or read-only collection interface) of primitive items, through <c>RtviBinder.GetArray</c>.</summary>
        Array,
        /// <summary>A <c>List&lt;T&gt;</c> of primitive items, through <c>RtviBinder.GetList</c>.</summary>
        List,
        /// <summary><c>JsonElement</c>: the value itself.</summary>
        Element,
        /// <summary><c>JsonNode</c>: parsed from the value.</summary>
        Node,
        /// <summary>Anything else: deserialized through a <c>JsonTypeInfo&lt;T&gt;</c> from the bot's serializer context.</summary>
        Json,
    }

    /// <summary>The wire type and conversion of one C# type.</summary>
    internal sealed class WireMapping
    {
        public WireMapping(WireKind wire, ValueConversion conversion, ITypeSymbol type, bool isNullable, bool isNullableValueType,
            string? binderMethod, WireMapping? element)
        {
            Wire = wire;
            Conversion = conversion;
            Type = type;
            IsNullable = isNullable;
            IsNullableValueType = isNullableValueType;
            BinderMethod = binderMethod;
            Element = element;
        }

        public WireKind Wire { get; }
        public ValueConversion Conversion { get; }

        /// <summary>The type without nullability (<c>int</c> for <c>int?</c>).</summary>
        public ITypeSymbol Type { get; }

        /// <summary>Whether JSON null is accepted (<c>Nullable&lt;T&gt;</c> or an annotated reference type).</summary>
        public bool IsNullable { get; }

        /// <summary>Whether the declared type is <c>Nullable&lt;T&gt;</c>.</summary>
        public bool IsNullableValueType { get; }

        /// <summary>The <c>RtviBinder</c> method for scalar conversions (<c>GetInt32</c>, <c>GetEnum</c>, …).</summary>
        public string? BinderMethod { get; }

        /// <summary>The item mapping of <see cref="ValueConversion.Array"/> and <see cref="ValueConversion.List"/>.</summary>
        public WireMapping? Element { get; }

        public bool IsMappable => Conversion != ValueConversion.Unmappable;
    }

    /// <summary>Maps C# types to RTVI wire types and binder conversions (one source for generator and analyzers).</summary>
    internal static class WireTypeMapper
    {
        /// <summary>The mapping of <paramref name="type"/> as a handler parameter or result.</summary>
        public static WireMapping Map(ITypeSymbol type, KnownTypes known)
        {
            var isNullable = false;
            var isNullableValueType = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
                isNullable = true;
                isNullableValueType = true;
            }
            else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                isNullable = true;
            }
            var plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            return MapCore(plain, known, isNullable, isNullableValueType);
        }

        /// <summary>
        /// Whether binding <paramref name="mapping"/> needs a <c>JsonTypeInfo</c> from the bot's serializer context. Results
        /// that are arrays or lists serialize through the context too (only their parsing is built in).
        /// </summary>
        public static bool NeedsJsonTypeInfo(WireMapping mapping, bool isResult) =>
            mapping.Conversion == ValueConversion.Json ||
            (isResult && (mapping.Conversion == ValueConversion.Array || mapping.Conversion == ValueConversion.List));

        /// <summary>Whether <paramref name="type"/> as a parameter (or result) needs a <c>JsonTypeInfo</c>.</summary>
        public static bool NeedsJsonTypeInfo(ITypeSymbol type, KnownTypes known, bool isResult) =>
            NeedsJsonTypeInfo(Map(type, known), isResult);

        /// <summary>
        /// The name of the property the System.Text.Json source generator emits on a context for <paramref name="type"/>
        /// (unless <c>TypeInfoPropertyName</c> overrides it): the simple name, generic arguments appended, arrays suffixed
        /// with <c>Array</c> (<c>List&lt;string&gt;</c> → <c>ListString</c>, <c>int[]</c> → <c>Int32Array</c>).
        /// </summary>
        public static string GetJsonTypeInfoPropertyName(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                var element = GetJsonTypeInfoPropertyName(array.ElementType);
                return array.Rank == 1 ? element + "Array" : element + "Array" + array.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (type is INamedTypeSymbol { IsGenericType: true } named)
            {
                var builder = new System.Text.StringBuilder(named.Name);
                foreach (var argument in named.TypeArguments)
                {
                    builder.Append(GetJsonTypeInfoPropertyName(argument));
                }
                return builder.ToString();
            }
            return type.Name;
        }

        private static WireMapping MapCore(ITypeSymbol type, KnownTypes known, bool isNullable, bool isNullableValueType)
        {
            WireMapping Scalar(WireKind wire, ValueConversion conversion, string method) =>
                new WireMapping(wire, conversion, type, isNullable, isNullableValueType, method, null);
            WireMapping Json(WireKind wire) => new WireMapping(wire, ValueConversion.Json, type, isNullable, isNullableValueType, null, null);
            WireMapping None() => new WireMapping(WireKind.Unmappable, ValueConversion.Unmappable, type, isNullable, isNullableValueType, null, null);

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return Scalar(WireKind.Bool, ValueConversion.Boolean, "GetBoolean");
                case SpecialType.System_SByte: return Scalar(WireKind.Number, ValueConversion.Number, "GetSByte");
                case SpecialType.System_Byte: return Scalar(WireKind.Number, ValueConversion.Number, "GetByte");
                case SpecialType.System_Int16: return Scalar(WireKind.Number, ValueConversion.Number, "GetInt16");
                case SpecialType.System_UInt16: return Scalar(WireKind.Number, ValueConversion.Number, "GetUInt16");
                case SpecialType.System_Int32: return Scalar(WireKind.Number, ValueConversion.Number, "GetInt32");
                case SpecialType.System_UInt32: return Scalar(WireKind.Number, ValueConversion.Number, "GetUInt32");
                case SpecialType.System_Int64: return Scalar(WireKind.Number, ValueConversion.Number, "GetInt64");
                case SpecialType.System_UInt64: return Scalar(WireKind.Number, ValueConversion.Number, "GetUInt64");
                case SpecialType.System_Single: return Scalar(WireKind.Number, ValueConversion.Number, "GetSingle");
                case SpecialType.System_Double: return Scalar(WireKind.Number, ValueConversion.Number, "GetDouble");
                case SpecialType.System_Decimal: return Scalar(WireKind.Number, ValueConversion.Number, "GetDecimal");
                case SpecialType.System_String: return Scalar(WireKind.String, ValueConversion.String, "GetString");
                case SpecialType.System_DateTime: return Scalar(WireKind.String, ValueConversion.DateTime, "GetDateTime");
                case SpecialType.System_Char: return Json(WireKind.String);
                case SpecialType.System_Object:
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                case SpecialType.System_Void:
                case SpecialType.System_Delegate:
                case SpecialType.System_MulticastDelegate:
                case SpecialType.System_Enum:
                case SpecialType.System_ValueType:
                case SpecialType.System_Array:
                    return None();
            }

            switch (type.TypeKind)
            {
                case TypeKind.Enum: return Scalar(WireKind.String, ValueConversion.Enum, "GetEnum");
                case TypeKind.Dynamic:
                case TypeKind.Error:
                case TypeKind.TypeParameter:
                case TypeKind.Pointer:
                case TypeKind.FunctionPointer:
                case TypeKind.Delegate:
                    return None();
            }
            if (type.IsRefLikeType || type.IsStatic)
            {
                return None();
            }

            if (KnownTypes.Is(type, known.Guid)) return Scalar(WireKind.String, ValueConversion.Guid, "GetGuid");
            if (KnownTypes.Is(type, known.DateTimeOffset)) return Scalar(WireKind.String, ValueConversion.DateTimeOffset, "GetDateTimeOffset");
            if (KnownTypes.Is(type, known.JsonElement)) return Scalar(WireKind.Object, ValueConversion.Element, "GetElement");
            if (KnownTypes.Is(type, known.JsonNode)) return new WireMapping(WireKind.Object, ValueConversion.Node, type, isNullable, false, null, null);
            if (KnownTypes.Is(type, known.Task) || KnownTypes.Is(type, known.TaskOfT) ||
                KnownTypes.Is(type, known.ValueTask) || KnownTypes.Is(type, known.ValueTaskOfT))
            {
                return None();
            }

            if (type is IArrayTypeSymbol array)
            {
                if (array.Rank != 1)
                {
                    return None();
                }
                return Collection(type, array.ElementType, ValueConversion.Array, known, isNullable);
            }

            if (type is INamedTypeSymbol named)
            {
                if (named.IsGenericType && named.TypeArguments.Length == 1)
                {
                    var definition = named.OriginalDefinition;
                    if (KnownTypes.Is(definition, known.ListOfT))
                    {
                        return Collection(type, named.TypeArguments[0], ValueConversion.List, known, isNullable);
                    }
                    if (KnownTypes.Is(definition, known.IEnumerableOfT) || KnownTypes.Is(definition, known.IReadOnlyListOfT) ||
                        KnownTypes.Is(definition, known.IReadOnlyCollectionOfT) || KnownTypes.Is(definition, known.IListOfT) ||
                        KnownTypes.Is(definition, known.ICollectionOfT))
                    {
                        return Collection(type, named.TypeArguments[0], ValueConversion.Array, known, isNullable);
                    }
                }
                if (IsDictionary(named, known))
                {
                    return Json(WireKind.Object);
                }
                if (named.TypeKind == TypeKind.Interface)
                {
                    // Other interfaces are services, not data (see HandlerRules).
                    return None();
                }
                switch (named.ToDisplayString())
                {
                    case "System.TimeSpan":
                    case "System.DateOnly":
                    case "System.TimeOnly":
                    case "System.Uri":
                    case "System.Version":
                        return Json(WireKind.String);
                    case "System.Half":
                    case "System.Int128":
                    case "System.UInt128":
                        return Json(WireKind.Number);
                }
                return Json(IsEnumerable(named, known) ? WireKind.Array : WireKind.Object);
            }
            return None();
        }

        private static WireMapping Collection(ITypeSymbol type, ITypeSymbol elementType, ValueConversion conversion, KnownTypes known, bool isNullable)
        {
            var element = Map(elementType, known);
            if (!element.IsMappable)
            {
                return new WireMapping(WireKind.Unmappable, ValueConversion.Unmappable, type, isNullable, false, null, null);
            }
            var isPrimitive = element.BinderMethod != null && !element.IsNullable;
            return isPrimitive
                ? new WireMapping(WireKind.Array, conversion, type, isNullable, false, null, element)
                : new WireMapping(WireKind.Array, ValueConversion.Json, type, isNullable, false, null, null);
        }

        private static bool IsDictionary(INamedTypeSymbol type, KnownTypes known)
        {
            if (KnownTypes.Is(type, known.IDictionaryOfTKeyTValue) || KnownTypes.Is(type, known.IReadOnlyDictionaryOfTKeyTValue))
            {
                return true;
            }
            foreach (var item in type.AllInterfaces)
            {
                if (KnownTypes.Is(item, known.IDictionaryOfTKeyTValue) || KnownTypes.Is(item, known.IReadOnlyDictionaryOfTKeyTValue))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsEnumerable(INamedTypeSymbol type, KnownTypes known)
        {
            foreach (var item in type.AllInterfaces)
            {
                if (KnownTypes.Is(item, known.IEnumerableOfT))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
