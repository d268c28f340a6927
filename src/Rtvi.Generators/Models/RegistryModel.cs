using Rtvi.CodeAnalysis;

namespace Rtvi.Generators.Models
{
    /// <summary>A declared action argument.</summary>
    internal sealed record ArgumentModel(string Name, WireKind Wire, bool IsOptional);

    /// <summary>
    /// What the registry file needs of one handler (nothing about its body or binding code); <c>IsConcurrent</c>: a
    /// client-message handler whose messages run concurrently.
    /// </summary>
    internal sealed record RegistrationModel(
        HandlerKind Kind,
        string Name,
        string? Service,
        WireKind Wire,
        EquatableArray<ArgumentModel> Arguments,
        string Identifier,
        string? ScopedType,
        DeclarationOrder Order,
        bool IsConcurrent);

    /// <summary>The registry file's input: services and registrations in declaration order.</summary>
    /// <param name="HasRuntime">Whether <c>Rtvi.Runtime</c> is referenced.</param>
    /// <param name="JsonContext">The bot's own serializer context, asked first for JSON metadata, or null.</param>
    /// <param name="HasGeneratedJson">Whether a registered handler uses metadata from <c>Rtvi.RtviGeneratedJson</c>.</param>
    /// <param name="Services">The services in declaration order.</param>
    /// <param name="Registrations">The handlers in declaration order.</param>
    internal sealed record RegistryModel(
        bool HasRuntime,
        string? JsonContext,
        bool HasGeneratedJson,
        EquatableArray<ServiceModel> Services,
        EquatableArray<RegistrationModel> Registrations);
}
