using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Rtvi.AotSize;

/// <summary>What a piece of native code or data belongs to: the assembly, namespace and (outermost) type that define it.</summary>
internal readonly record struct Owner(string Assembly, string Namespace, string Type = "");

/// <summary>One entry of an mstat file: a type's data structures, a method's code (with GC and EH info) or a named blob.</summary>
internal readonly record struct SizeEntry(string Kind, Owner Owner, int Bytes);

/// <summary>
/// Reads the ILCompiler's <c>.mstat</c> file (<c>IlcGenerateMstatFile</c>). The file is an ECMA-335 assembly whose
/// global type has three methods, <c>Types</c>, <c>Methods</c> and <c>Blobs</c>; their IL is a list of records:
/// <c>ldtoken type; ldc.i4 size</c>, <c>ldtoken method; ldc.i4 size; ldc.i4 gcInfo; ldc.i4 ehInfo</c> and
/// <c>ldstr name; ldc.i4 size</c> (format version 2 adds each node's offset, and the methods <c>RvaFields</c>,
/// <c>FrozenObjects</c> (preinitialized objects such as string literals) and <c>ManifestResources</c>). A generic instantiation
/// belongs to the owner of its generic definition (<c>List&lt;MyType&gt;</c> is System.Private.CoreLib's).
/// </summary>
internal sealed class MstatReader : IDisposable
{
    private readonly PEReader _pe;
    private readonly MetadataReader _metadata;
    private readonly OwnerProvider _owners;

    public MstatReader(string path)
    {
        _pe = new PEReader(File.OpenRead(path));
        _metadata = _pe.GetMetadataReader();
        _owners = new OwnerProvider(this);
    }

    public void Dispose() => _pe.Dispose();

    public IEnumerable<SizeEntry> ReadAll()
    {
        var version = _metadata.GetAssemblyDefinition().Version.Major;
        var global = _metadata.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1));
        foreach (var handle in global.GetMethods())
        {
            var method = _metadata.GetMethodDefinition(handle);
            var name = _metadata.GetString(method.Name);
            // Operands per record; version 2 added each node's offset in the image to types and methods.
            var operandsPerRecord = name switch
            {
                "Types" => version < 2 ? 2 : 3,
                "Methods" => version < 2 ? 4 : 5,
                "Blobs" => 2,
                "RvaFields" => 3,
                "FrozenObjects" => 4,
                "ManifestResources" => 3,
                _ => 0, // DeduplicatedMethods: folded into another method's code, no bytes of their own
            };
            if (operandsPerRecord == 0)
            {
                continue;
            }
            var operands = Operands(_pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader());
            for (var i = 0; i + operandsPerRecord <= operands.Count; i += operandsPerRecord)
            {
                var (token, value) = (operands[i].Token, operands[i + 1].Value);
                yield return name switch
                {
                    "Types" => new SizeEntry("types", OwnerOf(MetadataTokens.EntityHandle(token)), value),
                    "Methods" => new SizeEntry("code", OwnerOf(MetadataTokens.EntityHandle(token)), value + operands[i + 2].Value + operands[i + 3].Value),
                    "RvaFields" => new SizeEntry("data", OwnerOf(MetadataTokens.EntityHandle(token)), value),
                    "FrozenObjects" => new SizeEntry("frozen", new Owner("(frozen objects)", TypeName(MetadataTokens.EntityHandle(token))), value),
                    "ManifestResources" => new SizeEntry("resources", new Owner(AssemblyName(operands[i].Value), "(resources)"), operands[i + 2].Value),
                    _ => new SizeEntry("blobs", new Owner("(blobs)", UserString(token)), value),
                };
            }
        }
    }

    private string UserString(int token) => _metadata.GetUserString(MetadataTokens.UserStringHandle(token & 0x00FFFFFF));

    private string AssemblyName(int token) =>
        _metadata.GetString(_metadata.GetAssemblyReference(MetadataTokens.AssemblyReferenceHandle(token & 0x00FFFFFF)).Name);

    private string TypeName(EntityHandle handle) => TypeOwner(handle) is var owner && owner.Type.Length > 0 ? owner.Type : owner.Namespace;

    /// <summary>The operands of ldtoken, ldstr and the ldc.i4 forms, in order; pop and ret carry none.</summary>
    private static List<(int Token, int Value)> Operands(BlobReader il)
    {
        var results = new List<(int, int)>();
        while (il.RemainingBytes > 0)
        {
            var opcode = il.ReadByte();
            switch (opcode)
            {
                case 0xD0 or 0x72: // ldtoken, ldstr (a metadata or user-string token)
                    results.Add((il.ReadInt32(), 0));
                    break;
                case 0x20: // ldc.i4 (a size, an offset, or an assembly reference's token)
                    var value = il.ReadInt32();
                    results.Add((value, value));
                    break;
                case 0x1F: // ldc.i4.s
                    results.Add((default, il.ReadSByte()));
                    break;
                case >= 0x15 and <= 0x1E: // ldc.i4.m1 … ldc.i4.8
                    results.Add((default, opcode - 0x16));
                    break;
                case 0x26 or 0x2A or 0x00: // pop, ret, nop
                    break;
                default:
                    throw new InvalidDataException($"unexpected IL opcode 0x{opcode:X2} in the mstat file");
            }
        }
        return results;
    }

    private Owner OwnerOf(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference or HandleKind.TypeDefinition or HandleKind.TypeSpecification => TypeOwner(handle),
        HandleKind.MemberReference => TypeOwner(_metadata.GetMemberReference((MemberReferenceHandle)handle).Parent),
        HandleKind.MethodSpecification => OwnerOf(_metadata.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
        HandleKind.MethodDefinition => TypeOwner(_metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()),
        _ => new Owner("(other)", handle.Kind.ToString()),
    };

    internal Owner TypeOwner(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                var reference = _metadata.GetTypeReference((TypeReferenceHandle)handle);
                var (space, type) = (_metadata.GetString(reference.Namespace), _metadata.GetString(reference.Name));
                return reference.ResolutionScope.Kind switch
                {
                    HandleKind.AssemblyReference => new Owner(
                        _metadata.GetString(_metadata.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name), space, type),
                    HandleKind.TypeReference => TypeOwner(reference.ResolutionScope), // nested: the outermost type's
                    _ => new Owner("(module)", space, type),
                };
            case HandleKind.TypeDefinition:
                var definition = _metadata.GetTypeDefinition((TypeDefinitionHandle)handle);
                return new Owner("(mstat)", _metadata.GetString(definition.Namespace), _metadata.GetString(definition.Name));
            case HandleKind.TypeSpecification:
                return _metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_owners, null);
            default:
                return new Owner("(other)", handle.Kind.ToString());
        }
    }

    /// <summary>Decodes a type signature to the owner of the type it is made from (element, generic definition).</summary>
    private sealed class OwnerProvider(MstatReader reader) : ISignatureTypeProvider<Owner, object?>
    {
        private static readonly Owner s_coreLib = new("System.Private.CoreLib", "System");

        public Owner GetPrimitiveType(PrimitiveTypeCode typeCode) => s_coreLib;
        public Owner GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => reader.TypeOwner(handle);
        public Owner GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => reader.TypeOwner(handle);
        public Owner GetTypeFromSpecification(MetadataReader metadata, object? context, TypeSpecificationHandle handle, byte rawTypeKind) => reader.TypeOwner(handle);
        public Owner GetGenericInstantiation(Owner genericType, ImmutableArray<Owner> typeArguments) => genericType;
        public Owner GetSZArrayType(Owner elementType) => elementType;
        public Owner GetArrayType(Owner elementType, ArrayShape shape) => elementType;
        public Owner GetByReferenceType(Owner elementType) => elementType;
        public Owner GetPointerType(Owner elementType) => elementType;
        public Owner GetPinnedType(Owner elementType) => elementType;
        public Owner GetModifiedType(Owner modifier, Owner unmodifiedType, bool isRequired) => unmodifiedType;
        public Owner GetFunctionPointerType(MethodSignature<Owner> signature) => s_coreLib;
        public Owner GetGenericMethodParameter(object? genericContext, int index) => new("(generic)", "");
        public Owner GetGenericTypeParameter(object? genericContext, int index) => new("(generic)", "");
    }
}
