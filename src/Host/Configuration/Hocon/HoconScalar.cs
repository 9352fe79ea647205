using System.Text.RegularExpressions;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// A string, number, boolean or null. <see cref="Text"/> is the value exactly as written (numbers keep their
/// original spelling, as value concatenation requires); it is <see langword="null"/> only for null.
/// </summary>
internal sealed partial class HoconScalar(HoconScalarKind kind, string? text, HoconPosition position)
    : HoconValue(position)
{
    public HoconScalarKind Kind { get; } = kind;

    public string? Text { get; } = text;

    public static HoconScalar String(string text, HoconPosition position) => new(HoconScalarKind.String, text, position);

    /// <summary>Types a lone unquoted token: <c>true</c>, <c>false</c>, <c>null</c> and JSON numbers keep their type.</summary>
    public static HoconScalar FromUnquoted(string text, HoconPosition position) => text switch
    {
        "true" or "false" => new HoconScalar(HoconScalarKind.Boolean, text, position),
        "null" => new HoconScalar(HoconScalarKind.Null, null, position),
        _ when JsonNumber().IsMatch(text) => new HoconScalar(HoconScalarKind.Number, text, position),
        _ => String(text, position),
    };

    /// <summary>The text this value contributes to a string concatenation.</summary>
    public string ConcatenationText => Text ?? "null";

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
