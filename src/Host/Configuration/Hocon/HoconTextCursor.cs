namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>Walks source text one character at a time while tracking the line and column.</summary>
internal sealed class HoconTextCursor
{
    private readonly string _text;
    private readonly string _file;
    private int _index;
    private int _line = 1;
    private int _column = 1;

    public HoconTextCursor(string text, string file)
    {
        _text = text;
        _file = file;

        // A byte order mark is an encoding artefact, not content.
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _index = 1;
        }
    }

    public HoconPosition Position => new(_file, _line, _column);

    public bool AtEnd => _index >= _text.Length;

    public char Peek(int offset = 0) => _index + offset < _text.Length ? _text[_index + offset] : '\0';

    public char Advance()
    {
        var c = _text[_index++];
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        return c;
    }
}
