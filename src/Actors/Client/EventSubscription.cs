using System.Threading.Channels;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Client;

/// <summary>An in-process subscription: an actor subscribed to the global stream (filtered by tenant) or to one session's topic.</summary>
internal sealed class EventSubscription : SessionSubscription
{
    private readonly Channel<SessionEvent> _events;
    private readonly SessionSystem _system;
    private readonly IActorRef _subscriber;
    private readonly SessionId? _sessionId;

    private EventSubscription(SessionSystem system, Channel<SessionEvent> events, IActorRef subscriber, SessionId? sessionId)
    {
        _system = system;
        _events = events;
        _subscriber = subscriber;
        _sessionId = sessionId;
    }

    public static EventSubscription Start(SessionSystem system, TenantId tenant, SessionId? sessionId)
    {
        var events = Channel.CreateUnbounded<SessionEvent>(new UnboundedChannelOptions { SingleReader = true });
        var subscriber = system.ActorSystem.ActorOf(Props.Create(() => new Subscriber(events.Writer, tenant)));
        if (sessionId is { } id)
        {
            system.Events.Subscribe(id, subscriber);
        }
        else
        {
            system.ActorSystem.EventStream.Subscribe(subscriber, typeof(SessionEvent));
        }

        return new EventSubscription(system, events, subscriber, sessionId);
    }

    public override IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    protected override ValueTask DisposeAsyncCore()
    {
        if (_sessionId is { } id)
        {
            _system.Events.Unsubscribe(id, _subscriber);
        }
        else
        {
            _system.ActorSystem.EventStream.Unsubscribe(_subscriber);
        }

        _system.ActorSystem.Stop(_subscriber);
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private sealed class Subscriber(ChannelWriter<SessionEvent> events, TenantId tenant) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is SessionEvent @event && @event.Tenant == tenant)
            {
                events.TryWrite(@event);
            }
        }
    }
}
