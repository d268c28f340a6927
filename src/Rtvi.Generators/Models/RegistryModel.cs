using Rtvi.CodeAnalysis;

namespace Rtvi.Generators.Models
{
    /// <summary>A declared action argument.</summary>
    internal sealed record ArgumentModel(string Name, WireKind Wire, bool IsOptional);

    /// <summary>What the registry file needs of one handler (nothing about its body or binding code).</summary>
    internal sealed record RegistrationModel(
        HandlerKind Kind,
        string Name,
        string? Service,
        WireKind Wire,
        EquatableArray<ArgumentModel> Arguments,
        string Identifier,
        string? ScopedType,
        DeclarationOrder Order);

    /// <summary>The registry file's input: services and registrations in declaration order.</summary>
    internal sealed record RegistryModel(
        bool HasRuntime,
        EquatableArray<ServiceModel> Services,
        EquatableArray<RegistrationModel> Registrations);
}
