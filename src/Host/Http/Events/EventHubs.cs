using System.Collections.Concurrent;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace JidoSessions.Host.Http.Events;

/// <summary>The per-tenant event hubs; ends every stream when the host stops so shutdown is not held up.</summary>
internal sealed class EventHubs : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TenantId, Lazy<TenantEventHub>> _hubs = new();
    private readonly ISessionClientFactory _factory;
    private readonly HttpOptions _options;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger<EventHubs> _logger;

    public EventHubs(ISessionClientFactory factory, HttpOptions options, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, ILogger<EventHubs> logger)
    {
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
        _hubs.GetOrAdd(tenant, t => new Lazy<TenantEventHub>(() => new TenantEventHub(_factory.ForTenant(t), _options, _json, _logger))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs.Values.Where(h => h.IsValueCreated))
        {
            await hub.Value.DisposeAsync();
        }
    }
}
