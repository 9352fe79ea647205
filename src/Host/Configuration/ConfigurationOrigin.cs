using JidoSessions.Host.Configuration.Hocon;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Memory;

namespace JidoSessions.Host.Configuration;

/// <summary>Says where the value of a key came from, for error messages.</summary>
internal static class ConfigurationOrigin
{
    public static string? Describe(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        if (root.GetHoconPosition(key) is { } position)
        {
            return position.ToString();
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return provider switch
                {
                    JidoEnvironmentVariablesProvider => "environment variable " + JidoEnvironmentVariablesSource.VariableFor(key),
                    CommandLineConfigurationProvider => "command line",
                    MemoryConfigurationProvider => "in-memory settings",
                    _ => provider.ToString(),
                };
            }
        }

        return null;
    }
}
