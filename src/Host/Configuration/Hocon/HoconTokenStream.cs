namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>A read position over a token list; it never moves past the final end token.</summary>
internal sealed class HoconTokenStream(IReadOnlyList<HoconToken> tokens)
{
    private int _index;

    public HoconToken Peek => tokens[_index];

    public HoconToken Take()
    {
        var token = tokens[_index];
        if (token.Kind != HoconTokenKind.End)
        {
            _index++;
        }

        return token;
    }

    /// <summary>The first token after the current one that is not whitespace or a newline.</summary>
    public HoconToken PeekPastBlank()
    {
        var index = Math.Min(_index + 1, tokens.Count - 1);
        while (tokens[index].Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            index++;
        }

        return tokens[index];
    }

    public void SkipWhitespace()
    {
        while (Peek.Kind == HoconTokenKind.Whitespace)
        {
            Take();
        }
    }

    public void SkipBlank()
    {
        while (Peek.Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            Take();
        }
    }
}
