using JidoSessions.Host.Configuration;

namespace JidoSessions.Host.Hosting;

/// <summary>How to build the host: configuration input, and extra services (tests, embedding).</summary>
internal sealed record JidoHostSettings
{
    public JidoConfigurationInput Configuration { get; init; } = new();

    /// <summary>Runs after JidoSessions registered its services.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Where the development key and other notices for the operator are printed.</summary>
    public TextWriter Output { get; init; } = Console.Out;
}
