using System.Globalization;
using System.Text;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>Reads JSON-style quoted strings and raw triple-quoted strings.</summary>
internal static class HoconQuotedStringReader
{
    /// <summary>Reads a string starting at the opening quote under the cursor and returns its content.</summary>
    public static string Read(HoconTextCursor cursor)
    {
        var start = cursor.Position;
        return cursor.Peek(1) == '"' && cursor.Peek(2) == '"'
            ? ReadTripleQuoted(cursor, start)
            : ReadQuoted(cursor, start);
    }

    private static string ReadQuoted(HoconTextCursor cursor, HoconPosition start)
    {
        cursor.Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (cursor.AtEnd || cursor.Peek() == '\n')
            {
                throw new HoconParseException(start, "unterminated quoted string");
            }

            var c = cursor.Peek();
            if (c == '"')
            {
                cursor.Advance();
                return builder.ToString();
            }

            if (c == '\\')
            {
                builder.Append(ReadEscape(cursor));
            }
            else if (char.IsControl(c))
            {
                throw new HoconParseException(cursor.Position, "control characters must be escaped in quoted strings");
            }
            else
            {
                builder.Append(cursor.Advance());
            }
        }
    }

    private static char ReadEscape(HoconTextCursor cursor)
    {
        var at = cursor.Position;
        cursor.Advance();
        var c = cursor.AtEnd ? '\0' : cursor.Advance();
        switch (c)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                var hex = new StringBuilder(4);
                while (hex.Length < 4 && char.IsAsciiHexDigit(cursor.Peek()))
                {
                    hex.Append(cursor.Advance());
                }

                if (hex.Length < 4)
                {
                    throw new HoconParseException(at, "\\u must be followed by four hex digits");
                }

                return (char)ushort.Parse(hex.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            default:
                throw new HoconParseException(at, $"invalid escape '\\{c}' in quoted string");
        }
    }

    private static string ReadTripleQuoted(HoconTextCursor cursor, HoconPosition start)
    {
        cursor.Advance();
        cursor.Advance();
        cursor.Advance();
        var builder = new StringBuilder();
        while (!cursor.AtEnd)
        {
            if (cursor.Peek() == '"' && cursor.Peek(1) == '"' && cursor.Peek(2) == '"')
            {
                // The closing delimiter is the last three quotes of a run: """a"""" is the text a".
                while (cursor.Peek(3) == '"')
                {
                    builder.Append(cursor.Advance());
                }

                cursor.Advance();
                cursor.Advance();
                cursor.Advance();
                return builder.ToString();
            }

            builder.Append(cursor.Advance());
        }

        throw new HoconParseException(start, "unterminated triple-quoted string");
    }
}
