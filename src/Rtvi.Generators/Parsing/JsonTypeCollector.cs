using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Parsing
{
    /// <summary>Gathers the types one handler (or one payload) binds through <c>JsonTypeInfo</c>, and the metadata of those the generator can describe.</summary>
    internal sealed class JsonTypeCollector
    {
        private readonly KnownTypes _known;
        private readonly HashSet<string> _graphKeys = new HashSet<string>();

        public JsonTypeCollector(KnownTypes known) => _known = known;

        /// <summary>Every type needing metadata, by key.</summary>
        public List<string> Keys { get; } = new List<string>();

        /// <summary>The keys the generator describes.</summary>
        public List<string> Described { get; } = new List<string>();

        /// <summary>The described types and everything reachable from them, once each.</summary>
        public List<JsonTypeModel> Graph { get; } = new List<JsonTypeModel>();

        public void Add(WireMapping mapping, bool isResult)
        {
            if (WireTypeMapper.NeedsJsonTypeInfo(mapping, isResult))
            {
                Add(mapping.Type);
            }
        }

        public void Add(ITypeSymbol type)
        {
            var key = SymbolNames.TypeKey(type);
            if (Keys.Contains(key))
            {
                return;
            }
            Keys.Add(key);
            var graph = JsonTypeDescriber.Describe(type, _known);
            if (!graph.IsDescribable)
            {
                return;
            }
            Described.Add(key);
            foreach (var model in JsonTypeModelReader.Read(graph))
            {
                if (_graphKeys.Add(model.TypeName))
                {
                    Graph.Add(model);
                }
            }
        }
    }
}
