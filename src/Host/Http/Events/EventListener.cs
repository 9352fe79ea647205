using System.Threading.Channels;
using JidoSessions.Client;

namespace JidoSessions.Host.Http.Events;

/// <summary>An event numbered in its tenant's stream (the SSE <c>id:</c>).</summary>
internal readonly record struct NumberedEvent(long Id, SessionEvent Event);

/// <summary>
/// One HTTP subscriber of a tenant's events: first the replayed events it missed, then live ones from a bounded
/// queue. A subscriber that falls too far behind is completed (its stream ends; it may reconnect and replay).
/// </summary>
internal sealed class EventListener : IAsyncDisposable
{
    private readonly Channel<NumberedEvent> _queue;
    private readonly Action<EventListener> _unsubscribe;

    public EventListener(SessionId? session, int capacity, IReadOnlyList<NumberedEvent> replay, Action<EventListener> unsubscribe)
    {
        Session = session;
        Replay = replay;
        _unsubscribe = unsubscribe;
        _queue = Channel.CreateBounded<NumberedEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>The session this listener follows, or null for all of the tenant's.</summary>
    public SessionId? Session { get; }

    /// <summary>Events from the replay buffer after the client's <c>Last-Event-ID</c>.</summary>
    public IReadOnlyList<NumberedEvent> Replay { get; }

    public ChannelReader<NumberedEvent> Live => _queue.Reader;

    public bool Matches(SessionEvent e) => Session is not { } id || e.SessionId == id;

    /// <summary>Queues an event; false (and the listener is completed) when the subscriber is too slow.</summary>
    public bool TryDeliver(NumberedEvent e)
    {
        if (_queue.Writer.TryWrite(e))
        {
            return true;
        }

        _queue.Writer.TryComplete();
        return false;
    }

    public void Complete() => _queue.Writer.TryComplete();

    public ValueTask DisposeAsync()
    {
        _unsubscribe(this);
        Complete();
        return ValueTask.CompletedTask;
    }
}
