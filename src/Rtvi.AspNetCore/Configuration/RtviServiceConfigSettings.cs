namespace Rtvi.AspNetCore.Configuration;

/// <summary>One entry of <c>Rtvi:InitialConfig</c>: a service and its option values.</summary>
internal sealed class RtviServiceConfigSettings
{
    public string? Service { get; set; }

    public List<RtviOptionValueSettings> Options { get; set; } = [];

    /// <summary>Only called after validation: every name is present and every value is valid JSON.</summary>
    public RtviServiceConfig ToServiceConfig() =>
        new(Service!, Options.Select(option => RtviOptionValue.FromJson(option.Name!, option.Value!)).ToList());
}
