namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>Finds where a configuration value was written, for error messages.</summary>
public static class HoconConfigurationRootExtensions
{
    /// <summary>
    /// Finds the HOCON position of the value <paramref name="configuration"/> returns for <paramref name="key"/>.
    /// The winning provider is the last one that has the key, as in <see cref="IConfigurationRoot"/> itself.
    /// </summary>
    /// <returns>
    /// The position, or <see langword="null"/> when the key is not set or its winning value came from a
    /// provider that is not HOCON (environment variables, the command line, an in-memory collection...).
    /// </returns>
    public static HoconPosition? GetHoconPosition(this IConfigurationRoot configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(key);
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return provider is HoconConfigurationProvider hocon && hocon.TryGetPosition(key, out var position)
                    ? position
                    : null;
            }
        }

        return null;
    }
}
