using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using JidoSessions.Actors.Events;
using JidoSessions.Client;

namespace JidoSessions.Actors.Client;

/// <summary>An in-process subscription: an actor subscribed to the tenant's topic or to one session's topic.</summary>
internal sealed class EventSubscription : SessionSubscription
{
    private readonly Channel<SessionEvent> _events;
    private readonly ActorSystem _system;
    private readonly IActorRef _subscriber;

    private EventSubscription(ActorSystem system, Channel<SessionEvent> events, IActorRef subscriber)
    {
        _system = system;
        _events = events;
        _subscriber = subscriber;
    }

    /// <summary>Subscribes and completes once the mediator confirmed the subscription, so no later event is missed.</summary>
    public static async Task<EventSubscription> StartAsync(
        ActorSystem system, SessionEventPublisher publisher, TenantId tenant, SessionId? sessionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<SessionEvent>(new UnboundedChannelOptions { SingleReader = true });
        var live = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var topic = sessionId is { } id ? SessionEventPublisher.SessionTopic(id) : SessionEventPublisher.TenantTopic(tenant);
        var subscriber = system.ActorOf(Props.Create<Subscriber>(events.Writer, tenant, topic, publisher, live));
        try
        {
            await live.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            system.Stop(subscriber);
            throw;
        }

        return new EventSubscription(system, events, subscriber);
    }

    public override IAsyncEnumerator<SessionEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    protected override ValueTask DisposeAsyncCore()
    {
        _system.Stop(_subscriber);
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private sealed class Subscriber(
        ChannelWriter<SessionEvent> events, TenantId tenant, string topic, SessionEventPublisher publisher, TaskCompletionSource live) : UntypedActor
    {
        protected override void PreStart() => publisher.Subscribe(topic, Self);

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case SubscribeAck:
                    live.TrySetResult();
                    break;
                case SessionEvent @event when @event.Tenant == tenant:
                    events.TryWrite(@event);
                    break;
            }
        }

        protected override void PostStop()
        {
            publisher.Unsubscribe(topic, Self);
            events.TryComplete();
        }
    }
}
