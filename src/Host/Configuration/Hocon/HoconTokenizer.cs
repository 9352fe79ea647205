using System.Text;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Splits HOCON text into tokens. Comments are dropped but the newline ending them is kept, because newlines
/// separate fields and end value concatenations.
/// </summary>
internal sealed class HoconTokenizer
{
    // Characters the spec forbids in unquoted text; those without a meaning of their own are reserved.
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly HoconTextCursor _cursor;

    private HoconTokenizer(string text, string file) => _cursor = new HoconTextCursor(text, file);

    public static IReadOnlyList<HoconToken> Tokenize(string text, string file)
    {
        var tokenizer = new HoconTokenizer(text, file);
        var tokens = new List<HoconToken>();
        HoconToken token;
        do
        {
            token = tokenizer.Next();
            tokens.Add(token);
        }
        while (token.Kind != HoconTokenKind.End);

        return tokens;
    }

    private bool AtCommentStart => _cursor.Peek() == '#' || (_cursor.Peek() == '/' && _cursor.Peek(1) == '/');

    private static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private HoconToken Next()
    {
        if (AtCommentStart)
        {
            ReadWhile(c => c != '\n');
        }

        var start = _cursor.Position;
        if (_cursor.AtEnd)
        {
            return new HoconToken(HoconTokenKind.End, "", start);
        }

        var c = _cursor.Peek();
        HoconTokenKind? punctuation = c switch
        {
            '\n' => HoconTokenKind.Newline,
            ',' => HoconTokenKind.Comma,
            ':' => HoconTokenKind.Colon,
            '=' => HoconTokenKind.Equals,
            '{' => HoconTokenKind.OpenBrace,
            '}' => HoconTokenKind.CloseBrace,
            '[' => HoconTokenKind.OpenBracket,
            ']' => HoconTokenKind.CloseBracket,
            _ => null,
        };
        if (punctuation is { } kind)
        {
            return new HoconToken(kind, _cursor.Advance().ToString(), start);
        }

        if (c == '"')
        {
            return new HoconToken(HoconTokenKind.Quoted, HoconQuotedStringReader.Read(_cursor), start);
        }

        if (c == '$' && _cursor.Peek(1) == '{')
        {
            return ReadSubstitution(start);
        }

        if (c == '+' && _cursor.Peek(1) == '=')
        {
            _cursor.Advance();
            _cursor.Advance();
            return new HoconToken(HoconTokenKind.PlusEquals, "+=", start);
        }

        if (IsWhitespace(c))
        {
            return new HoconToken(HoconTokenKind.Whitespace, ReadWhile(IsWhitespace), start);
        }

        if (Forbidden.Contains(c, StringComparison.Ordinal))
        {
            throw new HoconParseException(start, $"reserved character '{c}' is not allowed outside quotes");
        }

        return new HoconToken(HoconTokenKind.Unquoted, ReadUnquoted(), start);
    }

    private string ReadWhile(Func<char, bool> predicate)
    {
        var builder = new StringBuilder();
        while (!_cursor.AtEnd && predicate(_cursor.Peek()))
        {
            builder.Append(_cursor.Advance());
        }

        return builder.ToString();
    }

    private string ReadUnquoted()
    {
        var builder = new StringBuilder();
        while (!_cursor.AtEnd)
        {
            var c = _cursor.Peek();
            if (c == '\n' || IsWhitespace(c) || AtCommentStart)
            {
                break;
            }

            if (Forbidden.Contains(c, StringComparison.Ordinal) && !IsExponentSign(builder, c))
            {
                break;
            }

            builder.Append(_cursor.Advance());
        }

        return builder.ToString();
    }

    // JSON numbers may carry an exponent sign (1e+5) although '+' is otherwise reserved.
    private static bool IsExponentSign(StringBuilder text, char c)
    {
        if (c != '+' || text.Length < 2 || text[^1] is not ('e' or 'E'))
        {
            return false;
        }

        var first = text[0] == '-' ? text[1] : text[0];
        return char.IsAsciiDigit(first);
    }

    private HoconToken ReadSubstitution(HoconPosition start)
    {
        _cursor.Advance();
        _cursor.Advance();
        var optional = _cursor.Peek() == '?';
        if (optional)
        {
            _cursor.Advance();
        }

        var path = new HoconPathBuilder(start);
        var pendingWhitespace = "";
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBrace:
                    return new HoconToken(HoconTokenKind.Substitution, "", start)
                    {
                        SubstitutionPath = path.Build(),
                        IsOptionalSubstitution = optional,
                    };
                case HoconTokenKind.Whitespace:
                    pendingWhitespace += token.Text;
                    continue;
                case HoconTokenKind.Quoted:
                    path.AppendWhitespace(pendingWhitespace);
                    path.AppendQuoted(token.Text);
                    break;
                case HoconTokenKind.Unquoted:
                    path.AppendWhitespace(pendingWhitespace);
                    path.AppendUnquoted(token.Text, token.Position);
                    break;
                default:
                    throw new HoconParseException(token.Position, $"unexpected {token.Describe()} in substitution; expected a path and '}}'");
            }

            pendingWhitespace = "";
        }
    }
}
