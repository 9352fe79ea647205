namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// One lexical token. <see cref="Text"/> is the raw text for unquoted and whitespace tokens and the decoded
/// content for quoted strings; substitution tokens carry their already-split path.
/// </summary>
internal sealed class HoconToken(HoconTokenKind kind, string text, HoconPosition position)
{
    public HoconTokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    public HoconPosition Position { get; } = position;

    public IReadOnlyList<string> SubstitutionPath { get; init; } = [];

    public bool IsOptionalSubstitution { get; init; }

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of input",
        HoconTokenKind.Newline => "newline",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.Quoted => $"\"{Text}\"",
        HoconTokenKind.Substitution => $"${{{(IsOptionalSubstitution ? "?" : "")}{string.Join('.', SubstitutionPath)}}}",
        _ => $"'{Text}'",
    };
}
