using System.Text;

namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Builds a path expression (a key or the inside of <c>${...}</c>) from its pieces: dots in unquoted text
/// separate elements, dots in quoted text do not, and whitespace between pieces is kept.
/// </summary>
internal sealed class HoconPathBuilder(HoconPosition start)
{
    private readonly List<string> _elements = [];
    private readonly StringBuilder _current = new();
    private bool _currentHasQuoted;
    private bool _hasContent;

    public void AppendQuoted(string text)
    {
        _current.Append(text);
        _currentHasQuoted = true;
        _hasContent = true;
    }

    public void AppendWhitespace(string text)
    {
        // Whitespace only matters between pieces; the parser never passes leading or trailing whitespace.
        _current.Append(text);
    }

    public void AppendUnquoted(string text, HoconPosition position)
    {
        var pieces = text.Split('.');
        _current.Append(pieces[0]);
        for (var i = 1; i < pieces.Length; i++)
        {
            CloseElement(position);
            _current.Append(pieces[i]);
        }

        _hasContent = true;
    }

    /// <summary>Reads a key: unquoted and quoted pieces with the whitespace between them.</summary>
    public static IReadOnlyList<string> ReadKey(HoconTokenStream tokens)
    {
        var builder = new HoconPathBuilder(tokens.Peek.Position);
        var pendingWhitespace = "";
        var any = false;
        while (true)
        {
            var token = tokens.Peek;
            if (token.Kind == HoconTokenKind.Whitespace && any)
            {
                pendingWhitespace += tokens.Take().Text;
                continue;
            }

            if (token.Kind is not (HoconTokenKind.Unquoted or HoconTokenKind.Quoted))
            {
                break;
            }

            builder.AppendWhitespace(pendingWhitespace);
            if (token.Kind == HoconTokenKind.Quoted)
            {
                builder.AppendQuoted(token.Text);
            }
            else
            {
                builder.AppendUnquoted(token.Text, token.Position);
            }

            pendingWhitespace = "";
            any = true;
            tokens.Take();
        }

        return any
            ? builder.Build()
            : throw new HoconParseException(tokens.Peek.Position, $"expected a key, found {tokens.Peek.Describe()}");
    }

    public IReadOnlyList<string> Build()
    {
        if (!_hasContent)
        {
            throw new HoconParseException(start, "expected a path");
        }

        CloseElement(start);
        return _elements;
    }

    private void CloseElement(HoconPosition position)
    {
        if (_current.Length == 0 && !_currentHasQuoted)
        {
            // The spec requires an empty path element to be quoted: a..b, .a and a. are errors.
            throw new HoconParseException(position, "path has an empty element; quote it (\"\") if it is intended");
        }

        _elements.Add(_current.ToString());
        _current.Clear();
        _currentHasQuoted = false;
    }
}
