namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Describes a HOCON configuration source: either a file (<see cref="Path"/>) or in-memory text
/// (<see cref="Content"/>). Exactly one of the two must be set.
/// </summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <summary>
    /// The file to read, absolute or relative to the current directory. Positions report it as given, so a
    /// relative path gives short messages such as <c>hocon/jido.conf:12:18</c>.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Whether a missing <see cref="Path"/> yields an empty configuration instead of an error.</summary>
    public bool Optional { get; set; }

    /// <summary>HOCON text to read instead of a file.</summary>
    public string? Content { get; set; }

    /// <summary>The name positions report for <see cref="Content"/>.</summary>
    public string SourceName { get; set; } = "hocon";

    /// <summary>The directory includes in <see cref="Content"/> are relative to; the current directory when null.</summary>
    public string? BaseDirectory { get; set; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
