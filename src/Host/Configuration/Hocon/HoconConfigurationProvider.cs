namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Loads a HOCON file or text into configuration keys (<c>jido:sessions:idle-timeout</c>, arrays as
/// <c>:0</c>, <c>:1</c>, ...) and remembers where each value was written.
/// </summary>
public sealed class HoconConfigurationProvider : ConfigurationProvider
{
    private Dictionary<string, HoconPosition> _positions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a provider for <paramref name="source"/>; nothing is read until <see cref="Load"/>.</summary>
    public HoconConfigurationProvider(HoconConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
    }

    /// <summary>The source this provider reads.</summary>
    public HoconConfigurationSource Source { get; }

    /// <summary>Reads (or re-reads) the source.</summary>
    /// <exception cref="HoconParseException">The text is not valid HOCON, an include or substitution fails.</exception>
    /// <exception cref="FileNotFoundException">The file is missing and the source is not optional.</exception>
    /// <exception cref="InvalidOperationException">Neither or both of Path and Content are set.</exception>
    public override void Load()
    {
        var root = (Source.Path, Source.Content) switch
        {
            (null, { } content) => HoconDocument.Parse(content, Source.SourceName, Source.BaseDirectory),
            ({ } path, null) => LoadFile(path),
            _ => throw new InvalidOperationException("A HOCON configuration source needs exactly one of Path or Content."),
        };

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var positions = new Dictionary<string, HoconPosition>(StringComparer.OrdinalIgnoreCase);
        if (root is not null)
        {
            foreach (var (key, value) in HoconFlattener.Flatten(root))
            {
                data[key] = value.Value;
                positions[key] = value.Position;
            }
        }

        Data = data;
        _positions = positions;
    }

    /// <summary>
    /// Finds where the value of <paramref name="key"/> was written (case-insensitive, like configuration keys).
    /// A value that came from a substitution reports where the substituted value was written, or the
    /// <c>${...}</c> itself when it came from an environment variable.
    /// </summary>
    public bool TryGetPosition(string key, out HoconPosition position) => _positions.TryGetValue(key, out position);

    /// <inheritdoc />
    public override string ToString() =>
        $"{nameof(HoconConfigurationProvider)} for '{Source.Path ?? Source.SourceName}' ({(Source.Optional ? "Optional" : "Required")})";

    private HoconObject? LoadFile(string path)
    {
        if (File.Exists(path))
        {
            return HoconDocument.LoadFile(path);
        }

        return Source.Optional
            ? null
            : throw new FileNotFoundException($"The configuration file '{path}' was not found and is not optional (looked for '{System.IO.Path.GetFullPath(path)}').", path);
    }
}
