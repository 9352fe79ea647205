namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>Adds HOCON sources to a configuration builder.</summary>
public static class HoconConfigurationExtensions
{
    /// <summary>
    /// Adds a HOCON file. Sources added later (in-memory collections, environment variables, the command line)
    /// override its values, as with any configuration source.
    /// </summary>
    /// <param name="builder">The builder to add to.</param>
    /// <param name="path">The file, absolute or relative to the current directory; positions report it as given.</param>
    /// <param name="optional">Whether a missing file is ignored instead of failing the load.</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.Add(new HoconConfigurationSource { Path = path, Optional = optional });
    }

    /// <summary>Adds HOCON text, mainly for tests; includes in it are relative to the current directory.</summary>
    /// <param name="builder">The builder to add to.</param>
    /// <param name="text">The HOCON text.</param>
    /// <param name="sourceName">The name positions and errors report, e.g. <c>test.conf</c>.</param>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return builder.Add(new HoconConfigurationSource { Content = text, SourceName = sourceName });
    }
}
