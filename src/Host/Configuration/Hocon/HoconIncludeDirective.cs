using System.Text;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// An <c>include "name"</c>, <c>include file("name")</c> or <c>include required(...)</c> statement.
/// <c>url(...)</c> and <c>classpath(...)</c> are rejected: only files exist for this host.
/// </summary>
internal sealed record HoconIncludeDirective(string Name, bool IsRequired, HoconPosition Position)
{
    private static readonly string[] Forms = ["file(", "required(", "url(", "classpath("];

    /// <summary>
    /// Whether the stream is at an include statement: the unquoted word <c>include</c> starting a key and
    /// followed by a quoted name or one of the <c>form(</c> wrappers. Otherwise <c>include</c> is an ordinary key.
    /// </summary>
    public static bool IsAt(HoconTokenStream tokens)
    {
        if (tokens.Peek is not { Kind: HoconTokenKind.Unquoted, Text: "include" })
        {
            return false;
        }

        var next = tokens.PeekPastBlank();
        return next.Kind == HoconTokenKind.Quoted
            || (next.Kind == HoconTokenKind.Unquoted && Array.Exists(Forms, form => next.Text.StartsWith(form, StringComparison.Ordinal)));
    }

    public static HoconIncludeDirective Read(HoconTokenStream tokens)
    {
        var at = tokens.Take().Position;
        tokens.SkipBlank();
        var opening = ReadUnquotedRun(tokens);
        if (tokens.Peek.Kind != HoconTokenKind.Quoted)
        {
            throw new HoconParseException(tokens.Peek.Position, $"expected a quoted file name after include, found {tokens.Peek.Describe()}");
        }

        var name = tokens.Take().Text;
        var closing = ReadUnquotedRun(tokens);
        var (required, expectedClosing) = opening switch
        {
            "" => (false, ""),
            "file(" => (false, ")"),
            "required(" or "required(file(" => (true, new string(')', opening.Count(c => c == '('))),
            _ => throw new HoconParseException(at, $"unsupported include form '{opening}'; use \"name\", file(\"name\") or required(\"name\")"),
        };

        return closing == expectedClosing
            ? new HoconIncludeDirective(name, required, at)
            : throw new HoconParseException(at, $"expected '{expectedClosing}' after the include file name, found '{closing}'");
    }

    // The wrappers arrive as unquoted text ("required(", ")") possibly split by whitespace, which is allowed.
    private static string ReadUnquotedRun(HoconTokenStream tokens)
    {
        var text = new StringBuilder();
        while (tokens.Peek.Kind is HoconTokenKind.Unquoted or HoconTokenKind.Whitespace)
        {
            var token = tokens.Take();
            if (token.Kind == HoconTokenKind.Unquoted)
            {
                text.Append(token.Text);
            }
        }

        return text.ToString();
    }
}
