using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;

namespace JidoSessions.Host.Http.Events;

/// <summary>
/// A tenant's events for HTTP subscribers: one backend subscription per tenant (opened on first use, kept until
/// shutdown; opened at host start for every configured tenant), numbered <c>idBase</c> + 1, 2, 3… in arrival order
/// (see <see cref="EventHubs"/>) and encoded once as SSE frames, the last
/// <c>jido.http.event-replay</c> (at most <c>event-replay-bytes</c>) kept for reconnecting clients
/// (<c>Last-Event-ID</c>), fanned out to at most <c>max-subscriptions</c> listeners. Numbering, buffering and
/// registration happen under one lock, so a listener gets every event after its replay exactly once; publishing
/// never waits for a listener, and one that falls behind is disconnected. A listener whose <c>Last-Event-ID</c> is
/// older than the replay can serve gets an <see cref="EventsMissed"/> (<c>event: gap</c>) first.
/// </summary>
internal sealed partial class TenantEventHub(ISessionClient client, HttpOptions options, JsonSerializerOptions json, long idBase, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<NumberedEvent> _replay = new();
    private readonly List<EventListener> _listeners = [];
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private SessionSubscription? _subscription;
    private Task? _pump;
    private readonly long _idBase = idBase;
    private long _lastId = idBase;
    private long _replayBytes;

    public TenantId Tenant => client.Tenant;

    /// <summary>
    /// Registers a listener; once this returns, every later event of the tenant (of <paramref name="session"/>
    /// if given) reaches it. <paramref name="lastEventId"/> replays the buffered events after it. Null when the
    /// tenant already has <c>max-subscriptions</c> listeners.
    /// </summary>
    public async Task<EventListener?> TrySubscribeAsync(SessionId? session, long? lastEventId, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        lock (_lock)
        {
            if (_listeners.Count >= options.MaxSubscriptions)
            {
                return null;
            }

            var replay = lastEventId is { } after
                ? _replay.Where(e => e.Id > after && (session is not { } id || e.Event.SessionId == id)).ToList()
                : [];
            if (lastEventId is { } last && GapAfter(last) is { } reason)
            {
                // Everything after the gap's id is replayed (or live), so a reconnect after it does not report it again.
                var resumesAfter = (_replay.Count > 0 ? _replay.Peek().Id : _lastId + 1) - 1;
                var missed = new EventsMissed(Tenant, time.GetUtcNow(), Id(last), Id(resumesAfter), reason);
                var data = new GapData(missed.Type, missed.Tenant, missed.At, missed.LastEventId, missed.ResumesAfter, missed.Reason);
                replay.Insert(0, new NumberedEvent(resumesAfter, missed, SseWriter.EncodeEvent(resumesAfter, missed.Type, data, json)));
            }

            var listener = new EventListener(session, options.SubscriberQueue, options.SubscriberBuffer, replay, Remove);
            _listeners.Add(listener);
            return listener;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        CompleteAll();
        if (_subscription is { } subscription)
        {
            await subscription.DisposeAsync();
        }

        if (_pump is { } pump)
        {
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
        _startGate.Dispose();
    }

    /// <summary>Ends every listener's stream (shutdown).</summary>
    public void CompleteAll()
    {
        lock (_lock)
        {
            foreach (var listener in _listeners)
            {
                listener.Complete();
            }

            _listeners.Clear();
        }
    }

    /// <summary>Opens the backend subscription unless it is open: from then on every event of the tenant is numbered and kept.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _pump) is { IsCompleted: false })
        {
            return;
        }

        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_pump is { IsCompleted: false })
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _subscription = await client.SubscribeAsync(null, cancellationToken);
            _pump = Task.Run(() => PumpAsync(_subscription, _stopping.Token), CancellationToken.None);
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task PumpAsync(SessionSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in subscription.WithCancellation(cancellationToken))
            {
                Publish(e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogPumpFailed(logger, e, Tenant.Value);
        }
        finally
        {
            // The backend stream ended (shutdown or failure): end the listeners' streams so clients reconnect;
            // the next subscriber opens a new backend subscription, numbering goes on.
            CompleteAll();
            await subscription.DisposeAsync();
        }
    }

    private void Publish(SessionEvent e)
    {
        List<EventListener>? laggards = null;
        lock (_lock)
        {
            var id = ++_lastId;
            var numbered = new NumberedEvent(id, e, SseWriter.EncodeEvent<SessionEvent>(id, e.Type, e, json));
            Buffer(numbered);
            for (var i = _listeners.Count - 1; i >= 0; i--)
            {
                if (_listeners[i].Matches(e) && !_listeners[i].TryDeliver(numbered))
                {
                    (laggards ??= []).Add(_listeners[i]);
                    _listeners.RemoveAt(i);
                }
            }
        }

        foreach (var laggard in laggards ?? [])
        {
            LogSlowListener(logger, Tenant.Value, _lastId);
            laggard.Disconnect();
        }
    }

    /// <summary>Why a replay after <paramref name="last"/> would not be complete, or null when it is. Caller holds the lock.</summary>
    private string? GapAfter(long last)
    {
        var firstKept = _replay.Count > 0 ? _replay.Peek().Id : _lastId + 1;
        return last > _lastId ? "unknown"
            : last < _idBase ? "restarted"
            : last + 1 < firstKept ? "expired"
            : null;
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps the event for replay, dropping the oldest past the count or the bytes allowed.</summary>
    private void Buffer(NumberedEvent numbered)
    {
        if (options.EventReplay == 0 || numbered.Frame.Length > options.EventReplayBytes)
        {
            return;
        }

        _replay.Enqueue(numbered);
        _replayBytes += numbered.Frame.Length;
        while (_replay.Count > options.EventReplay || _replayBytes > options.EventReplayBytes)
        {
            _replayBytes -= _replay.Dequeue().Frame.Length;
        }
    }

    private void Remove(EventListener listener)
    {
        lock (_lock)
        {
            _listeners.Remove(listener);
        }
    }
}

/// <summary>The <c>data:</c> of a gap marker (an <see cref="EventsMissed"/> without the session id it does not have).</summary>
internal sealed record GapData(string Type, TenantId Tenant, DateTimeOffset At, string LastEventId, string ResumesAfter, string Reason);
