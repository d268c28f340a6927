using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Rtvi.CodeAnalysis
{
    /// <summary>The well-known symbols the handler rules need, resolved once per compilation.</summary>
    internal sealed class KnownTypes
    {
        private static readonly ConditionalWeakTable<Compilation, KnownTypes> Cache = new ConditionalWeakTable<Compilation, KnownTypes>();

        private KnownTypes(Compilation compilation)
        {
            Compilation = compilation;
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            Guid = compilation.GetTypeByMetadataName("System.Guid");
            DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
            JsonElement = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
            JsonNode = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode");
            JsonSerializerContext = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
            JsonSerializableAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
            ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
            IReadOnlyListOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyList_T);
            IReadOnlyCollectionOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyCollection_T);
            IListOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IList_T);
            ICollectionOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_ICollection_T);
            DictionaryOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
            IDictionaryOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
            IReadOnlyDictionaryOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
            RtviSession = compilation.GetTypeByMetadataName(MetadataNames.RtviSession);
            RtviOptionContext = compilation.GetTypeByMetadataName(MetadataNames.RtviOptionContext);
            RtviActionContext = compilation.GetTypeByMetadataName(MetadataNames.RtviActionContext);
            RtviClientMessageContext = compilation.GetTypeByMetadataName(MetadataNames.RtviClientMessageContext);
            RtviArguments = compilation.GetTypeByMetadataName(MetadataNames.RtviArguments);
            RtviResult = compilation.GetTypeByMetadataName(MetadataNames.RtviResult);
            RtviRegistryBuilder = compilation.GetTypeByMetadataName(MetadataNames.RtviRegistryBuilder);
            RtviServiceAttribute = compilation.GetTypeByMetadataName(MetadataNames.RtviServiceAttribute);
            RtviOptionAttribute = compilation.GetTypeByMetadataName(MetadataNames.RtviOptionAttribute);
            RtviActionAttribute = compilation.GetTypeByMetadataName(MetadataNames.RtviActionAttribute);
            RtviClientMessageAttribute = compilation.GetTypeByMetadataName(MetadataNames.RtviClientMessageAttribute);
            RtviJsonContextAttribute = compilation.GetTypeByMetadataName(MetadataNames.RtviJsonContextAttribute);
            RtviArgumentAttribute = compilation.GetTypeByMetadataName(MetadataNames.RtviArgumentAttribute);
            RtviJsonAttribute = compilation.GetTypeByMetadataName(MetadataNames.RtviJsonAttribute);
            RtviEvents = compilation.GetTypeByMetadataName(MetadataNames.RtviEvents);
        }

        /// <summary>The known types of <paramref name="compilation"/> (cached for the compilation's lifetime).</summary>
        public static KnownTypes Get(Compilation compilation) => Cache.GetValue(compilation, c => new KnownTypes(c));

        public Compilation Compilation { get; }
        public INamedTypeSymbol? CancellationToken { get; }
        public INamedTypeSymbol? Task { get; }
        public INamedTypeSymbol? TaskOfT { get; }
        public INamedTypeSymbol? ValueTask { get; }
        public INamedTypeSymbol? ValueTaskOfT { get; }
        public INamedTypeSymbol? Guid { get; }
        public INamedTypeSymbol? DateTimeOffset { get; }
        public INamedTypeSymbol? JsonElement { get; }
        public INamedTypeSymbol? JsonNode { get; }
        public INamedTypeSymbol? JsonSerializerContext { get; }
        public INamedTypeSymbol? JsonSerializableAttribute { get; }
        public INamedTypeSymbol? ListOfT { get; }
        public INamedTypeSymbol IEnumerableOfT { get; }
        public INamedTypeSymbol IReadOnlyListOfT { get; }
        public INamedTypeSymbol IReadOnlyCollectionOfT { get; }
        public INamedTypeSymbol IListOfT { get; }
        public INamedTypeSymbol ICollectionOfT { get; }
        public INamedTypeSymbol? DictionaryOfTKeyTValue { get; }
        public INamedTypeSymbol? IDictionaryOfTKeyTValue { get; }
        public INamedTypeSymbol? IReadOnlyDictionaryOfTKeyTValue { get; }
        public INamedTypeSymbol? RtviSession { get; }
        public INamedTypeSymbol? RtviOptionContext { get; }
        public INamedTypeSymbol? RtviActionContext { get; }
        public INamedTypeSymbol? RtviClientMessageContext { get; }
        public INamedTypeSymbol? RtviArguments { get; }
        public INamedTypeSymbol? RtviResult { get; }
        public INamedTypeSymbol? RtviRegistryBuilder { get; }
        public INamedTypeSymbol? RtviServiceAttribute { get; }
        public INamedTypeSymbol? RtviOptionAttribute { get; }
        public INamedTypeSymbol? RtviActionAttribute { get; }
        public INamedTypeSymbol? RtviClientMessageAttribute { get; }
        public INamedTypeSymbol? RtviJsonContextAttribute { get; }
        public INamedTypeSymbol? RtviArgumentAttribute { get; }
        public INamedTypeSymbol? RtviJsonAttribute { get; }
        public INamedTypeSymbol? RtviEvents { get; }

        /// <summary>Whether the compilation references the Rtvi runtime (generated code has something to call).</summary>
        public bool HasRuntime => RtviRegistryBuilder != null && RtviArguments != null && RtviResult != null;

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            known != null && type != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
    }

    /// <summary>Metadata names of the runtime types the rules and the generator look for.</summary>
    internal static class MetadataNames
    {
        public const string RtviSession = "Rtvi.RtviSession";
        public const string RtviOptionContext = "Rtvi.RtviOptionContext";
        public const string RtviActionContext = "Rtvi.RtviActionContext";
        public const string RtviClientMessageContext = "Rtvi.RtviClientMessageContext";
        public const string RtviArguments = "Rtvi.RtviArguments";
        public const string RtviResult = "Rtvi.RtviResult";
        public const string RtviRegistryBuilder = "Rtvi.RtviRegistryBuilder";
        public const string RtviServiceAttribute = "Rtvi.RtviServiceAttribute";
        public const string RtviOptionAttribute = "Rtvi.RtviOptionAttribute";
        public const string RtviActionAttribute = "Rtvi.RtviActionAttribute";
        public const string RtviClientMessageAttribute = "Rtvi.RtviClientMessageAttribute";
        public const string RtviJsonContextAttribute = "Rtvi.RtviJsonContextAttribute";
        public const string RtviArgumentAttribute = "Rtvi.RtviArgumentAttribute";
        public const string RtviJsonAttribute = "Rtvi.RtviJsonAttribute";
        public const string RtviEvents = "Rtvi.RtviEvents";

        /// <summary>The named argument of <c>[RtviClientMessage]</c> that runs its messages concurrently.</summary>
        public const string ConcurrentProperty = "Concurrent";
    }
}
