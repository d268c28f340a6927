namespace Rtvi;

/// <summary>
/// How the JSON metadata the generator emits names properties that have no <c>[JsonPropertyName]</c>
/// (the matching <c>System.Text.Json.JsonNamingPolicy</c>).
/// </summary>
public enum RtviJsonNamingPolicy
{
    /// <summary>The C# property name as declared (System.Text.Json's default).</summary>
    None,

    /// <summary><c>camelCase</c>.</summary>
    CamelCase,

    /// <summary><c>snake_case</c>.</summary>
    SnakeCaseLower,

    /// <summary><c>SNAKE_CASE</c>.</summary>
    SnakeCaseUpper,

    /// <summary><c>kebab-case</c>.</summary>
    KebabCaseLower,

    /// <summary><c>KEBAB-CASE</c>.</summary>
    KebabCaseUpper,
}
