using System.Globalization;
using System.Text.Json;
using Rtvi.Protocol;

namespace Rtvi.Sessions;

/// <summary>The result of version negotiation for one <c>client-ready</c>.</summary>
internal readonly record struct Negotiation(RtviClientGeneration Generation, string BotReadyVersion, (int Major, int Minor, int Patch) Version, string? Error);

/// <summary>Decides a client's protocol generation and the version errors of protocol 2.x (docs/protocol-support.md).</summary>
internal static class VersionNegotiation
{
    public static Negotiation Negotiate(RtviProtocolMode mode, JsonElement version)
    {
        if (mode == RtviProtocolMode.V0_3)
        {
            return new(RtviClientGeneration.V0_3, RtviProtocolVersions.V0_3, (0, 3, 0), null);
        }
        var text = version.ValueKind == JsonValueKind.String ? version.GetString() : null;
        if (string.IsNullOrEmpty(text))
        {
            return mode == RtviProtocolMode.Auto
                ? new(RtviClientGeneration.V0_3, RtviProtocolVersions.V0_3, (0, 3, 0), null)
                : new(RtviClientGeneration.V2, RtviProtocolVersions.V2_1, (0, 0, 0), RtviErrorText.ClientVersionUnknown);
        }
        if (!TryParse(text, out var parsed))
        {
            return new(RtviClientGeneration.V2, RtviProtocolVersions.V2_1, (0, 0, 0), RtviErrorText.InvalidClientVersionFormat(text));
        }
        return parsed.Major switch
        {
            0 when mode == RtviProtocolMode.Auto => new(RtviClientGeneration.V0_3, RtviProtocolVersions.V0_3, parsed, null),
            1 => new(RtviClientGeneration.V1, Format(parsed), parsed, null),
            2 => new(RtviClientGeneration.V2, RtviProtocolVersions.V2_1, parsed, null),
            _ => new(RtviClientGeneration.V2, RtviProtocolVersions.V2_1, parsed, RtviErrorText.IncompatibleClientVersion(text)),
        };
    }

    /// <summary>The longest version string looked at; anything longer is not a version.</summary>
    private const int MaxVersionLength = 64;

    /// <summary>Three dot-separated integers; surrounding spaces, a sign and leading zeros are accepted per component.</summary>
    public static bool TryParse(string text, out (int Major, int Minor, int Patch) version)
    {
        version = default;
        if (text.Length > MaxVersionLength)
        {
            return false;
        }
        var parts = text.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }
        const NumberStyles style = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;
        if (int.TryParse(parts[0], style, CultureInfo.InvariantCulture, out var major) &&
            int.TryParse(parts[1], style, CultureInfo.InvariantCulture, out var minor) &&
            int.TryParse(parts[2], style, CultureInfo.InvariantCulture, out var patch))
        {
            version = (major, minor, patch);
            return true;
        }
        return false;
    }

    private static string Format((int Major, int Minor, int Patch) v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}.{v.Patch}");
}
