namespace JidoSessions.Actors.Llm;

// A session file as the context carries it: a system message "File: <path>\n<content>".
internal sealed record LocalFile(string Path, string Content)
{
    private const string Header = "File: ";

    public string Name => Path[(Path.LastIndexOfAny(['/', '\\']) + 1)..];

    public static LocalFile? From(string systemText)
    {
        if (!systemText.StartsWith(Header, StringComparison.Ordinal))
        {
            return null;
        }

        var newline = systemText.IndexOf('\n', StringComparison.Ordinal);
        var path = (newline < 0 ? systemText[Header.Length..] : systemText[Header.Length..newline]).Trim();
        return path.Length == 0 ? null : new LocalFile(path, newline < 0 ? string.Empty : systemText[(newline + 1)..]);
    }
}
