using System.Threading.Channels;
using JidoSessions.Client;

namespace JidoSessions.Host.Tests.Support;

/// <summary>One tenant's sessions, keys and subscribers in <see cref="FakeSessionBackend"/>.</summary>
internal sealed class FakeTenant(TenantId tenant, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SessionId, FakeSession> _sessions = [];
    private readonly Dictionary<SessionKey, SessionId> _keys = [];
    private readonly List<(SessionId? Filter, Channel<SessionEvent> Channel)> _subscribers = [];
    private long _created;

    public TenantId Tenant { get; } = tenant;

    /// <summary>The session id of every turn that started running (tests await it instead of sleeping).</summary>
    public Channel<SessionId> TurnsStarted { get; } = Channel.CreateUnbounded<SessionId>();

    public TimeProvider Time { get; } = time;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    public (FakeSession Session, bool Created) GetOrCreate(SessionKey? key, SessionConfig config)
    {
        FakeSession session;
        lock (_lock)
        {
            if (key is { } k && _keys.TryGetValue(k, out var existing))
            {
                return (_sessions[existing], false);
            }

            session = new FakeSession(this, SessionId.New(), key, config, ++_created);
            _sessions.Add(session.Id, session);
            if (key is { } newKey)
            {
                _keys.Add(newKey, session.Id);
            }
        }

        Publish(new SessionCreated(session.Id, Tenant, Time.GetUtcNow(), key));
        return (session, true);
    }

    public FakeSession Find(SessionId id)
    {
        lock (_lock)
        {
            return _sessions.TryGetValue(id, out var session) ? session : throw new SessionNotFoundException(id.ToString());
        }
    }

    public void Remove(FakeSession session)
    {
        lock (_lock)
        {
            if (!_sessions.Remove(session.Id))
            {
                throw new SessionNotFoundException(session.Id.ToString());
            }

            if (session.Key is { } key)
            {
                _keys.Remove(key);
            }
        }
    }

    /// <summary>Every session, newest first.</summary>
    public IReadOnlyList<FakeSession> All()
    {
        lock (_lock)
        {
            return [.. _sessions.Values.OrderByDescending(s => s.Order)];
        }
    }

    public ChannelReader<SessionEvent> Subscribe(SessionId? filter, out Action unsubscribe)
    {
        var channel = Channel.CreateUnbounded<SessionEvent>();
        var entry = (filter, channel);
        lock (_lock)
        {
            if (filter is { } id && !_sessions.ContainsKey(id))
            {
                throw new SessionNotFoundException(id.ToString());
            }

            _subscribers.Add(entry);
        }

        unsubscribe = () =>
        {
            lock (_lock)
            {
                _subscribers.Remove(entry);
            }

            channel.Writer.TryComplete();
        };
        return channel.Reader;
    }

    public void Publish(SessionEvent e)
    {
        lock (_lock)
        {
            foreach (var (filter, channel) in _subscribers)
            {
                if (filter is not { } id || id == e.SessionId)
                {
                    channel.Writer.TryWrite(e);
                }
            }
        }
    }
}
