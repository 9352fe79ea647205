namespace JidoSessions.Host.Configuration.Options;

/// <summary>Everything under <c>jido</c>, bound once and validated at start (see <c>hocon/jido.conf</c>).</summary>
public sealed record JidoOptions
{
    /// <summary><c>jido.sessions</c>.</summary>
    public SessionsOptions Sessions { get; init; } = new();

    /// <summary><c>jido.storage</c>.</summary>
    public StorageOptions Storage { get; init; } = new();

    /// <summary><c>jido.llm</c>.</summary>
    public LlmOptions Llm { get; init; } = new();

    /// <summary><c>jido.http</c>.</summary>
    public HttpOptions Http { get; init; } = new();

    /// <summary><c>jido.auth</c>.</summary>
    public AuthOptions Auth { get; init; } = new();

    /// <summary>The <c>akka</c> section (cluster membership, and anything else for Akka).</summary>
    public AkkaOptions Akka { get; init; } = new();
}
