using Akka.Actor;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Support;

/// <summary>Starts a session system on in-memory storage for one test.</summary>
internal static class TestSessionSystems
{
    public static SessionSystemOptions Options(Func<SessionSystemOptions, SessionSystemOptions>? tweak = null)
    {
        var options = new SessionSystemOptions
        {
            SystemName = "sessions-test",
            Shards = 8,
            Storage = new StorageOptions { Provider = StorageProvider.Memory },
            RequestTimeout = TimeSpan.FromSeconds(10),
            TurnTimeout = TimeSpan.FromSeconds(20),
        };
        return tweak?.Invoke(options) ?? options;
    }

    public static Task<SessionSystem> StartAsync(
        SessionSystemOptions? options = null,
        IChatClient? chat = null,
        TimeProvider? time = null,
        Func<SessionId, TenantId, SessionEventPublisher, IActorRef, Props>? contextProps = null) =>
        SessionSystem.StartCoreAsync(
            options ?? Options(),
            chat,
            null,
            time,
            contextProps is null ? null : new ContextPropsOverride((id, tenant, owner, services) => contextProps(id, tenant, services.Events, owner)),
            CancellationToken.None);

    /// <summary>The entity actor of a session (activating it if passivated).</summary>
    public static async Task<IActorRef> EntityOf(this SessionSystem system, TenantId tenant, SessionId id)
    {
        await system.ForTenant(tenant).GetInfoAsync(id);
        return await system.ActorSystem.ActorSelection($"/system/sharding/session/*/{id}").ResolveOne(TimeSpan.FromSeconds(10));
    }

    /// <summary>Collects every event of the given tenant while the test runs.</summary>
    public static async Task<EventRecorder> RecordEventsAsync(this ISessionClient client, SessionId? id = null)
    {
        var subscription = await client.SubscribeAsync(id);
        return new EventRecorder(subscription);
    }
}

/// <summary>Reads a subscription in the background into a list tests can inspect.</summary>
internal sealed class EventRecorder : IAsyncDisposable
{
    private readonly SessionSubscription _subscription;
    private readonly List<SessionEvent> _events = [];
    private readonly Task _reading;
    private readonly CancellationTokenSource _stop = new();

    public EventRecorder(SessionSubscription subscription)
    {
        _subscription = subscription;
        _reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var @event in subscription.WithCancellation(_stop.Token))
                {
                    lock (_events)
                    {
                        _events.Add(@event);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public IReadOnlyList<SessionEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _subscription.DisposeAsync();
        await _reading;
        _stop.Dispose();
    }
}
