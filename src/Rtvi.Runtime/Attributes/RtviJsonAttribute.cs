namespace Rtvi;

/// <summary>
/// Configures the JSON metadata the generator emits for the records and classes in this assembly's handler signatures
/// (<c>Rtvi.RtviGeneratedJson</c>). Set once per assembly: <c>[assembly: RtviJson(NamingPolicy = RtviJsonNamingPolicy.SnakeCaseLower)]</c>.
/// Types covered by a serializer context named with <see cref="RtviJsonContextAttribute"/> keep that context's options.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class RtviJsonAttribute : Attribute
{
    /// <summary>How properties without <c>[JsonPropertyName]</c> are named on the wire; <see cref="RtviJsonNamingPolicy.None"/> by default.</summary>
    public RtviJsonNamingPolicy NamingPolicy { get; set; }
}
