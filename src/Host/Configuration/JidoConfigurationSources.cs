using System.Reflection;
using JidoSessions.Host.Configuration.Hocon;

namespace JidoSessions.Host.Configuration;

/// <summary>What to read configuration from, beyond the built-in defaults.</summary>
internal sealed record JidoConfigurationInput
{
    /// <summary>The <c>--config FILE</c>, if any.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Command-line switches (<c>--jido:sessions:ttl=1h</c>).</summary>
    public IReadOnlyList<string> Switches { get; init; } = [];

    /// <summary>Environment variables to use instead of the process's (tests); null reads the process.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Last-word values (tests, embedding hosts).</summary>
    public IReadOnlyDictionary<string, string?>? Overrides { get; init; }

    /// <summary>The directory whose <c>hocon/jido.conf</c> is preferred over the executable's.</summary>
    public string ContentRoot { get; init; } = Directory.GetCurrentDirectory();
}

/// <summary>Adds the configuration sources in their documented order (see <c>hocon/jido.conf</c>).</summary>
internal static class JidoConfigurationSources
{
    public const string DefaultsFile = "hocon/jido.conf";
    private const string EmbeddedDefaults = "JidoSessions.Host.hocon.jido.conf";

    /// <summary>Adds: defaults, <c>--config</c>, <c>JIDO__</c> environment variables, switches, overrides.</summary>
    /// <exception cref="HoconParseException">A HOCON file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The <c>--config</c> file does not exist.</exception>
    public static IConfigurationBuilder AddJidoSources(this IConfigurationBuilder builder, JidoConfigurationInput input)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(input);
        AddDefaults(builder, input.ContentRoot);
        if (input.ConfigFile is { } file)
        {
            builder.AddHoconFile(file, optional: false);
        }

        builder.Add(new JidoEnvironmentVariablesSource { Variables = input.Environment });
        if (input.Switches.Count > 0)
        {
            builder.AddCommandLine([.. input.Switches]);
        }

        if (input.Overrides is { Count: > 0 } overrides)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder;
    }

    /// <summary>Where the defaults were read from: a file path, or the copy built into the executable.</summary>
    public static string DescribeDefaults(string contentRoot) => FindDefaults(contentRoot) ?? "(built-in " + DefaultsFile + ")";

    private static void AddDefaults(IConfigurationBuilder builder, string contentRoot)
    {
        if (FindDefaults(contentRoot) is { } path)
        {
            builder.AddHoconFile(path);
            return;
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(EmbeddedDefaults)
            ?? throw new InvalidOperationException($"The built-in {DefaultsFile} is missing from the executable.");
        using var reader = new StreamReader(stream);
        builder.AddHoconString(reader.ReadToEnd(), "(built-in " + DefaultsFile + ")");
    }

    private static string? FindDefaults(string contentRoot)
    {
        var inContentRoot = Path.Combine(contentRoot, DefaultsFile);
        if (File.Exists(inContentRoot))
        {
            // Relative to the working directory when it is the content root, so positions read hocon/jido.conf:12:18.
            return Path.GetFullPath(contentRoot) == Path.GetFullPath(Directory.GetCurrentDirectory()) ? DefaultsFile : inContentRoot;
        }

        var besideExecutable = Path.Combine(AppContext.BaseDirectory, DefaultsFile);
        return File.Exists(besideExecutable) ? besideExecutable : null;
    }
}
