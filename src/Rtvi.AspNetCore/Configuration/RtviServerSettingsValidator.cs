using Microsoft.Extensions.Options;

namespace Rtvi.AspNetCore.Configuration;

/// <summary>The data-annotation checks of <see cref="RtviServerSettings"/>, generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class RtviServerSettingsValidator : IValidateOptions<RtviServerSettings>;
