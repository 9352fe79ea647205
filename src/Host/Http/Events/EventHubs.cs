using System.Collections.Concurrent;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JidoSessions.Host.Http.Events;

/// <summary>
/// The per-tenant event hubs; ends every stream when the host stops so shutdown is not held up. Event ids are
/// <c>start × 10⁶ + n</c> (start: this host's start in Unix milliseconds, n: 1, 2, 3… per tenant), so ids keep
/// growing across restarts (while fewer than 10⁹ events a second are published and the clock does not go back) and a
/// <c>Last-Event-ID</c> from before a restart is recognised as such.
/// </summary>
internal sealed class EventHubs : IAsyncDisposable
{
    /// <summary>Ids a host can number before its start's base reaches the next millisecond's.</summary>
    public const long IdsPerMillisecond = 1_000_000;

    private readonly long _idBase;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<TenantId, Lazy<TenantEventHub>> _hubs = new();
    private readonly ISessionClientFactory _factory;
    private readonly HttpOptions _options;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger<EventHubs> _logger;

    public EventHubs(
        ISessionClientFactory factory, HttpOptions options, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<EventHubs> logger)
    {
        _idBase = time.GetUtcNow().ToUnixTimeMilliseconds() * IdsPerMillisecond;
        _time = time;
        _factory = factory;
        _options = options;
        _json = json.Value.SerializerOptions;
        _logger = logger;
        lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var hub in _hubs.Values.Where(h => h.IsValueCreated))
            {
                hub.Value.CompleteAll();
            }
        });
    }

    public TenantEventHub For(TenantId tenant) =>
        _hubs.GetOrAdd(tenant, t => new Lazy<TenantEventHub>(() => new TenantEventHub(_factory.ForTenant(t), _options, _json, _idBase, _time, _logger))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs.Values.Where(h => h.IsValueCreated))
        {
            await hub.Value.DisposeAsync();
        }
    }
}
