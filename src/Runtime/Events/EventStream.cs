using System.Collections.Concurrent;

namespace JidoSessions.Runtime.Events;

/// <summary>
/// Publish/subscribe by message type: a subscriber to a type receives events of that type and of every
/// subtype, once per event however many of its channels match. A subscriber that stops is
/// unsubscribed automatically.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Type, IActorRef[]> _cache = new();
    private List<(Type Channel, IActorRef Subscriber)> _subscriptions = [];
    private IActorRef? _unsubscriber;

    internal EventStream()
    {
    }

    /// <summary>Subscribes to <paramref name="channel"/> and its subtypes; false if already subscribed to it.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (_subscriptions.Contains((channel, subscriber)))
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            _cache.Clear();
        }

        _unsubscriber?.Tell(new EventStreamUnsubscriber.Register(subscriber), null);
        return true;
    }

    /// <summary>Removes one subscription; false if there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return Remove(s => s.Channel == channel && s.Subscriber.Equals(subscriber));
    }

    /// <summary>Removes all subscriptions of <paramref name="subscriber"/>; false if there were none.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return Remove(s => s.Subscriber.Equals(subscriber));
    }

    /// <summary>Tells <paramref name="event"/> to every subscriber of its type or a base type.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (!_cache.TryGetValue(type, out var subscribers))
        {
            subscribers = Resolve(type);
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Tell(@event, null);
        }
    }

    internal void StartUnsubscriber(ActorCell systemGuardian) =>
        _unsubscriber = systemGuardian.ActorOf(Props.Create(() => new EventStreamUnsubscriber(this)), "event-stream-unsubscriber");

    private IActorRef[] Resolve(Type type)
    {
        lock (_gate)
        {
            var matching = _subscriptions
                .Where(s => s.Channel.IsAssignableFrom(type))
                .Select(s => s.Subscriber)
                .Distinct()
                .ToArray();
            _cache[type] = matching;
            return matching;
        }
    }

    private bool Remove(Predicate<(Type Channel, IActorRef Subscriber)> match)
    {
        lock (_gate)
        {
            var kept = _subscriptions.FindAll(s => !match(s));
            if (kept.Count == _subscriptions.Count)
            {
                return false;
            }

            _subscriptions = kept;
            _cache.Clear();
            return true;
        }
    }

    /// <summary>Used by tests to check that dead subscribers were removed.</summary>
    internal bool IsSubscribed(IActorRef subscriber)
    {
        lock (_gate)
        {
            return _subscriptions.Exists(s => s.Subscriber.Equals(subscriber));
        }
    }
}
