namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Reads the files of one document: the root file and everything it includes. It remembers which files are
/// open so that a file including itself, directly or not, is reported instead of recursing forever.
/// </summary>
internal sealed class HoconIncluder
{
    private readonly List<string> _openFullPaths = [];
    private readonly List<string> _openDisplayNames = [];

    /// <summary>Parses a file; <paramref name="displayPath"/> is the name positions report.</summary>
    public HoconObject ParseFile(string displayPath, string fullPath, IReadOnlyList<string> prefix, HoconPosition? includedAt)
    {
        if (includedAt is { } at && _openFullPaths.Contains(fullPath, StringComparer.Ordinal))
        {
            var chain = string.Join(" -> ", _openDisplayNames.Append(displayPath));
            throw new HoconParseException(at, $"include cycle: {chain}");
        }

        var text = ReadFile(displayPath, fullPath, includedAt);
        _openFullPaths.Add(fullPath);
        _openDisplayNames.Add(displayPath);
        try
        {
            var directory = Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory();
            return ParseText(text, new HoconSource(displayPath, directory), prefix);
        }
        finally
        {
            _openFullPaths.RemoveAt(_openFullPaths.Count - 1);
            _openDisplayNames.RemoveAt(_openDisplayNames.Count - 1);
        }
    }

    public HoconObject ParseText(string text, HoconSource source, IReadOnlyList<string> prefix)
    {
        var tokens = HoconTokenizer.Tokenize(text, source.DisplayName);
        return HoconParser.Parse(tokens, this, source, prefix);
    }

    /// <summary>
    /// Parses an included file, located relative to the including one. A missing file yields
    /// <see langword="null"/> unless the include is required.
    /// </summary>
    public HoconObject? Include(string name, bool required, HoconPosition at, IReadOnlyList<string> prefix, HoconSource from)
    {
        var fullPath = Path.GetFullPath(Path.Combine(from.Directory, name));
        var displayPath = Path.IsPathRooted(name)
            ? name
            : Path.Combine(Path.GetDirectoryName(from.DisplayName) ?? "", name);

        // The spec lets an include name omit the extension; .conf is the only format read here.
        if (!File.Exists(fullPath) && !Path.HasExtension(name) && File.Exists(fullPath + ".conf"))
        {
            fullPath += ".conf";
            displayPath += ".conf";
        }

        if (!File.Exists(fullPath))
        {
            return required
                ? throw new HoconParseException(at, $"required include '{name}' was not found at '{fullPath}'")
                : null;
        }

        return ParseFile(displayPath, fullPath, prefix, at);
    }

    private static string ReadFile(string displayPath, string fullPath, HoconPosition? includedAt)
    {
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (includedAt is { } at && ex is IOException or UnauthorizedAccessException)
        {
            throw new HoconParseException(at, $"cannot read included file '{displayPath}': {ex.Message}", ex);
        }
    }
}
