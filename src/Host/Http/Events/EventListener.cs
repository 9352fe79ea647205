using System.Threading.Channels;
using JidoSessions.Client;

namespace JidoSessions.Host.Http.Events;

/// <summary>An event numbered in its tenant's stream (the SSE <c>id:</c>), with its SSE frame as sent, encoded once for every subscriber.</summary>
internal sealed record NumberedEvent(long Id, SessionEvent Event, byte[] Frame);

/// <summary>
/// One HTTP subscriber of a tenant's events: first the replayed events it missed, then live ones from a queue
/// bounded in events (<c>jido.http.subscriber-queue</c>) and in bytes (<c>jido.http.subscriber-buffer</c>). A
/// subscriber that falls further behind is disconnected: its queue is dropped and its connection aborted, so a
/// client that stopped reading holds neither events nor a write (it may reconnect and replay).
/// </summary>
internal sealed class EventListener : IAsyncDisposable
{
    private readonly Channel<NumberedEvent> _queue;
    private readonly Action<EventListener> _unsubscribe;
    private readonly long _maxBytes;
    private long _queuedBytes;
    private Action? _disconnect;

    public EventListener(SessionId? session, int capacity, long maxBytes, IReadOnlyList<NumberedEvent> replay, Action<EventListener> unsubscribe)
    {
        Session = session;
        Replay = replay;
        _maxBytes = maxBytes;
        _unsubscribe = unsubscribe;
        _queue = Channel.CreateBounded<NumberedEvent>(new BoundedChannelOptions(capacity) { SingleReader = false, SingleWriter = true });
    }

    /// <summary>The session this listener follows, or null for all of the tenant's.</summary>
    public SessionId? Session { get; }

    /// <summary>Events from the replay buffer after the client's <c>Last-Event-ID</c>.</summary>
    public IReadOnlyList<NumberedEvent> Replay { get; }

    public bool Matches(SessionEvent e) => Session is not { } id || e.SessionId == id;

    /// <summary>How a lagging subscriber's connection is cut (the request's abort); set before events flow.</summary>
    public void OnDisconnect(Action? disconnect) => Volatile.Write(ref _disconnect, disconnect);

    /// <summary>Queues an event; false when the subscriber is too far behind (the caller then calls <see cref="Disconnect"/>).</summary>
    public bool TryDeliver(NumberedEvent e)
    {
        if (Interlocked.Add(ref _queuedBytes, e.Frame.Length) <= _maxBytes && _queue.Writer.TryWrite(e))
        {
            return true;
        }

        Complete();
        return false;
    }

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);

    public bool TryRead(out NumberedEvent e)
    {
        if (!_queue.Reader.TryRead(out e!))
        {
            return false;
        }

        Interlocked.Add(ref _queuedBytes, -e.Frame.Length);
        return true;
    }

    /// <summary>Drops what is queued and cuts the connection; runs off the caller's thread, so publishing never waits for it.</summary>
    public void Disconnect()
    {
        Complete();
        while (_queue.Reader.TryRead(out _))
        {
        }

        if (Volatile.Read(ref _disconnect) is { } disconnect)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static d => Run(d), disconnect, preferLocal: false);
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    private static void Run(Action disconnect)
    {
        try
        {
            disconnect();
        }
        catch (ObjectDisposedException)
        {
            // The request ended on its own meanwhile: nothing left to cut.
        }
    }

    public ValueTask DisposeAsync()
    {
        _unsubscribe(this);
        Complete();
        return ValueTask.CompletedTask;
    }
}
