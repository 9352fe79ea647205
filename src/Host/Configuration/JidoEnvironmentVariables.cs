namespace JidoSessions.Host.Configuration;

/// <summary>
/// Environment overrides: <c>JIDO__SESSIONS__IDLE_TIMEOUT=10m</c> sets <c>jido:sessions:idle-timeout</c>.
/// The variables are read by the standard provider (<c>AddEnvironmentVariables("JIDO__")</c>: prefix removed,
/// <c>__</c> → <c>:</c>); this source then puts the keys back under <c>jido:</c> and maps <c>_</c> to the
/// <c>-</c> that HOCON keys use (no key of ours has an underscore), so one name works on every shell.
/// </summary>
internal sealed class JidoEnvironmentVariablesSource : IConfigurationSource
{
    public const string Prefix = "JIDO__";

    /// <summary>Variables to read instead of the process environment (tests).</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new JidoEnvironmentVariablesProvider(Variables);

    /// <summary>The variable name that sets <paramref name="key"/> (<c>jido:a-b:c</c> → <c>JIDO__A_B__C</c>).</summary>
    public static string VariableFor(string key) =>
        Prefix + string.Join("__", key.Split(':').Skip(1)).Replace('-', '_').ToUpperInvariant();
}

internal sealed class JidoEnvironmentVariablesProvider(IReadOnlyDictionary<string, string>? variables) : ConfigurationProvider
{
    public override void Load()
    {
        var standard = new ConfigurationBuilder();
        if (variables is null)
        {
            standard.AddEnvironmentVariables(JidoEnvironmentVariablesSource.Prefix);
        }
        else
        {
            // Same mapping as the standard provider, over a given set (the standard one reads only the process).
            standard.AddInMemoryCollection(variables
                .Where(v => v.Key.StartsWith(JidoEnvironmentVariablesSource.Prefix, StringComparison.OrdinalIgnoreCase))
                .Select(v => KeyValuePair.Create(v.Key[JidoEnvironmentVariablesSource.Prefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)));
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in standard.Build().AsEnumerable())
        {
            if (value is not null)
            {
                data["jido:" + key.ToLowerInvariant().Replace('_', '-')] = value;
            }
        }

        Data = data;
    }
}
