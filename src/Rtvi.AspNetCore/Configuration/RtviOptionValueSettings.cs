namespace Rtvi.AspNetCore.Configuration;

/// <summary>One option value of an <c>Rtvi:InitialConfig</c> entry; <see cref="Value"/> is JSON text (<c>"\"aurora\""</c>, <c>0.7</c>, <c>true</c>).</summary>
internal sealed class RtviOptionValueSettings
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
