using System.Collections.Concurrent;
using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Events;

/// <summary>
/// Publishes session events on the system's EventStream (the global topic: subscribe to
/// <see cref="SessionEvent"/> or a subtype) and on the session's own topic, whose subscribers see only
/// that session's events. A topic subscriber that stops is dropped on the next publish to its topic.
/// </summary>
public sealed class SessionEventPublisher
{
    private readonly ConcurrentDictionary<SessionId, ImmutableSubscribers> _topics = new();
    private readonly ActorSystem _system;

    /// <summary>Creates the publisher for <paramref name="system"/>.</summary>
    public SessionEventPublisher(ActorSystem system) => _system = system ?? throw new ArgumentNullException(nameof(system));

    /// <summary>Publishes globally and to the event's session topic.</summary>
    public void Publish(SessionEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        _system.EventStream.Publish(@event);
        if (!_topics.TryGetValue(@event.SessionId, out var subscribers))
        {
            return;
        }

        var dead = false;
        foreach (var subscriber in subscribers.Refs)
        {
            if (subscriber.IsTerminated())
            {
                dead = true;
                continue;
            }

            subscriber.Tell(@event, null);
        }

        if (dead)
        {
            PruneDead(@event.SessionId);
        }
    }

    /// <summary>Subscribes <paramref name="subscriber"/> to one session's events.</summary>
    public void Subscribe(SessionId sessionId, IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        _topics.AddOrUpdate(sessionId, _ => new ImmutableSubscribers([subscriber]), (_, s) => new ImmutableSubscribers([.. s.Refs, subscriber]));
    }

    /// <summary>Removes a subscriber from a session's topic.</summary>
    public void Unsubscribe(SessionId sessionId, IActorRef subscriber)
    {
        while (_topics.TryGetValue(sessionId, out var current))
        {
            var kept = current.Refs.Where(r => !r.Equals(subscriber)).ToArray();
            if (kept.Length == 0 ? _topics.TryRemove(new KeyValuePair<SessionId, ImmutableSubscribers>(sessionId, current)) : _topics.TryUpdate(sessionId, new ImmutableSubscribers(kept), current))
            {
                return;
            }
        }
    }

    /// <summary>Drops a session's topic (the session ended).</summary>
    public void RemoveTopic(SessionId sessionId) => _topics.TryRemove(sessionId, out _);

    /// <summary>Subscribers currently on a session's topic (for tests).</summary>
    internal int TopicSubscriberCount(SessionId sessionId) => _topics.TryGetValue(sessionId, out var s) ? s.Refs.Length : 0;

    private void PruneDead(SessionId sessionId)
    {
        if (_topics.TryGetValue(sessionId, out var current))
        {
            foreach (var dead in current.Refs.Where(r => r.IsTerminated()))
            {
                Unsubscribe(sessionId, dead);
            }
        }
    }

    private sealed record ImmutableSubscribers(IActorRef[] Refs);
}
