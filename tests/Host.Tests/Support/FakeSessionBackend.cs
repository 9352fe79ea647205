using System.Collections.Concurrent;
using JidoSessions.Client;

namespace JidoSessions.Host.Tests.Support;

/// <summary>
/// A test-only, in-memory session backend with the contract's semantics: tenants are isolated, a key names one
/// session per tenant, one turn at a time per session, typed errors, and events published to subscribers that
/// are live when SubscribeAsync returns. Replies are deterministic: "echo: {message}" (streamed word by word).
/// Magic messages: "!fail" fails the turn (TurnFailedException); "!hold" runs until the turn is cancelled.
/// </summary>
internal sealed class FakeSessionBackend : ISessionClientFactory
{
    private readonly ConcurrentDictionary<TenantId, FakeTenant> _tenants = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ISessionClient ForTenant(TenantId tenant) => new FakeSessionClient(Get(tenant));

    /// <summary>Completes when a turn of <paramref name="tenant"/> starts running; its session id.</summary>
    public ValueTask<SessionId> NextTurnStartedAsync(TenantId tenant, CancellationToken cancellationToken) =>
        Get(tenant).TurnsStarted.Reader.ReadAsync(cancellationToken);

    /// <summary>How many sessions a tenant has (for checks that a rejected request changed nothing).</summary>
    public int SessionCount(TenantId tenant) => _tenants.TryGetValue(tenant, out var t) ? t.Count : 0;

    private FakeTenant Get(TenantId tenant) => _tenants.GetOrAdd(tenant, t => new FakeTenant(t, Time));
}
