using JidoSessions.Client;

namespace JidoSessions.Host.Configuration.Options;

/// <summary>One tenant and the API keys that act as it.</summary>
/// <param name="Id">The tenant.</param>
/// <param name="ApiKeys">Its keys (each at least 16 characters, no white space).</param>
public sealed record TenantKeys(TenantId Id, IReadOnlyList<string> ApiKeys);

/// <summary><c>jido.auth</c>.</summary>
public sealed record AuthOptions
{
    /// <summary>Shortest API key accepted.</summary>
    public const int MinKeyLength = 16;

    /// <summary><c>tenants</c>: each <c>{ id, api-keys }</c>.</summary>
    public IReadOnlyList<TenantKeys> Tenants { get; init; } = [new TenantKeys(TenantId.Default, [])];

    /// <summary>
    /// <c>dev-key</c>: when no tenant has a key, generate a random one for the first tenant at start and print it.
    /// When false and no key is configured, the host refuses to start.
    /// </summary>
    public bool DevKey { get; init; } = true;

    /// <summary>
    /// <c>metrics-key</c>: the bearer key that opens <c>/metrics</c> (host-wide figures, for the operator; tenant keys
    /// never do). Null: <c>/metrics</c> answers anonymous requests from loopback only.
    /// </summary>
    public string? MetricsKey { get; init; }
}
