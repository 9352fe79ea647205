namespace JidoSessions.Host.Cli;

/// <summary>The console the commands talk to (real or, in tests, in memory).</summary>
internal sealed record CliContext(TextReader Input, TextWriter Output, TextWriter Error)
{
    /// <summary>Used instead of the process environment when set (tests).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Runs after JidoSessions registered its services (tests: a backend).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Creates the HTTP handler of remote commands (tests: none → the default).</summary>
    public Func<HttpMessageHandler>? HttpHandler { get; init; }

    public string? Variable(string name) =>
        Environment is { } variables ? variables.GetValueOrDefault(name) : System.Environment.GetEnvironmentVariable(name);
}
