using JidoSessions.Client;

namespace JidoSessions.Host.Http.Events;

/// <summary>
/// A tenant's events for HTTP subscribers: one backend subscription per tenant (opened on first use, kept
/// until shutdown), numbered 1, 2, 3… in arrival order, the last <c>jido.http.event-replay</c> kept for
/// reconnecting clients (<c>Last-Event-ID</c>), fanned out to listeners. Numbering, buffering and
/// registration happen under one lock, so a listener gets every event after its replay exactly once.
/// </summary>
internal sealed partial class TenantEventHub(ISessionClient client, int replayCapacity, int listenerCapacity, ILogger logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<NumberedEvent> _replay = new();
    private readonly List<EventListener> _listeners = [];
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private SessionSubscription? _subscription;
    private Task? _pump;
    private long _lastId;

    public TenantId Tenant => client.Tenant;

    /// <summary>
    /// Registers a listener; once this returns, every later event of the tenant (of <paramref name="session"/>
    /// if given) reaches it. <paramref name="lastEventId"/> replays the buffered events after it.
    /// </summary>
    public async Task<EventListener> SubscribeAsync(SessionId? session, long? lastEventId, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken);
        lock (_lock)
        {
            var replay = lastEventId is { } after
                ? _replay.Where(e => e.Id > after && (session is not { } id || e.Event.SessionId == id)).ToList()
                : [];
            var listener = new EventListener(session, listenerCapacity, replay, Remove);
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

    private async Task EnsureStartedAsync(CancellationToken cancellationToken)
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
        lock (_lock)
        {
            var numbered = new NumberedEvent(++_lastId, e);
            if (replayCapacity > 0)
            {
                if (_replay.Count == replayCapacity)
                {
                    _replay.Dequeue();
                }

                _replay.Enqueue(numbered);
            }

            for (var i = _listeners.Count - 1; i >= 0; i--)
            {
                if (_listeners[i].Matches(e) && !_listeners[i].TryDeliver(numbered))
                {
                    LogSlowListener(logger, Tenant.Value, numbered.Id);
                    _listeners.RemoveAt(i);
                }
            }
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
