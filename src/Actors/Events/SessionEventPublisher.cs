using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using JidoSessions.Client;

namespace JidoSessions.Actors.Events;

/// <summary>
/// Publishes session events on the node's EventStream (in-process subscribers: subscribe to
/// <see cref="SessionEvent"/> or a subtype) and on two DistributedPubSub topics that every node's subscribers see:
/// the tenant's global topic <c>sessions:{tenant}</c> and the session's own topic <c>session:{id}</c>.
/// The mediator drops subscribers that stop.
/// </summary>
public sealed class SessionEventPublisher
{
    private readonly ActorSystem _system;
    private IActorRef? _mediator;

    /// <summary>Creates the publisher for <paramref name="system"/> (a cluster member).</summary>
    public SessionEventPublisher(ActorSystem system) => _system = system ?? throw new ArgumentNullException(nameof(system));

    private IActorRef Mediator => _mediator ??= DistributedPubSub.Get(_system).Mediator;

    /// <summary>The topic of every session of <paramref name="tenant"/>.</summary>
    public static string TenantTopic(TenantId tenant) => "sessions:" + tenant.Value;

    /// <summary>The topic of one session.</summary>
    public static string SessionTopic(SessionId sessionId) => "session:" + sessionId.Value;

    /// <summary>Publishes on the EventStream, the tenant's topic and the session's topic.</summary>
    public void Publish(SessionEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        _system.EventStream.Publish(@event);
        Mediator.Tell(new Publish(TenantTopic(@event.Tenant), @event));
        Mediator.Tell(new Publish(SessionTopic(@event.SessionId), @event));
    }

    /// <summary>Subscribes <paramref name="subscriber"/> to a topic; it gets <see cref="SubscribeAck"/> once live.</summary>
    public void Subscribe(string topic, IActorRef subscriber) => Mediator.Tell(new Subscribe(topic, subscriber), subscriber);

    /// <summary>Removes a subscriber from a topic.</summary>
    public void Unsubscribe(string topic, IActorRef subscriber) => Mediator.Tell(new Unsubscribe(topic, subscriber), subscriber);
}
