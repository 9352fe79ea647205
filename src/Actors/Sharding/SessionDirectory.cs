using JidoSessions.Client;
using JidoSessions.Persistence.Serialization;

namespace JidoSessions.Actors.Sharding;

// Journaled events of the SessionManager (persistence id "session-manager").

/// <summary>A session id was assigned (with its key, if any).</summary>
internal sealed record SessionRegistered(SessionInfo Session);

/// <summary>The latest summary of a session (status, config, activity), reported by the session.</summary>
internal sealed record SessionSummaryRecorded(SessionInfo Session);

/// <summary>A session ended: its id and key are free.</summary>
internal sealed record SessionUnregistered(SessionId Id);

/// <summary>The whole directory, for snapshots.</summary>
internal sealed record DirectorySnapshot(IReadOnlyList<SessionInfo> Sessions);

/// <summary>
/// The manager's state: every live session's summary and the (tenant, key) → id index. Changed only by
/// <see cref="Apply"/>, which is deterministic, so replaying the journal rebuilds it exactly. Mutable
/// in place for speed (tens of thousands of sessions); nothing outside the manager sees it.
/// </summary>
internal sealed class SessionDirectory
{
    private readonly Dictionary<SessionId, SessionInfo> _sessions = [];
    private readonly Dictionary<(TenantId Tenant, SessionKey Key), SessionId> _keys = [];

    public int Count => _sessions.Count;

    public bool TryGet(SessionId id, out SessionInfo info) => _sessions.TryGetValue(id, out info!);

    public bool TryGetByKey(TenantId tenant, SessionKey key, out SessionId id) => _keys.TryGetValue((tenant, key), out id);

    public void Apply(object @event)
    {
        switch (@event)
        {
            case SessionRegistered registered:
                Put(registered.Session);
                break;
            case SessionSummaryRecorded summary when _sessions.ContainsKey(summary.Session.Id):
                Put(summary.Session);
                break;
            case SessionSummaryRecorded:
                break;
            case SessionUnregistered unregistered:
                Remove(unregistered.Id);
                break;
            case DirectorySnapshot snapshot:
                _sessions.Clear();
                _keys.Clear();
                foreach (var session in snapshot.Sessions)
                {
                    Put(session);
                }

                break;
            default:
                throw new ArgumentException($"Unknown directory event {@event.GetType().Name}.", nameof(@event));
        }
    }

    public DirectorySnapshot ToSnapshot() => new([.. _sessions.Values]);

    /// <summary>A tenant's sessions, newest first, optionally by status.</summary>
    public SessionPage List(TenantId tenant, ListSessionsQuery query)
    {
        var matching = _sessions.Values
            .Where(s => s.Tenant == tenant && (query.Status is null || s.Status == query.Status))
            .OrderByDescending(s => s.CreatedAt)
            .ThenByDescending(s => s.Id.Value)
            .ToList();
        var page = matching.Skip(query.Offset).Take(query.Limit).ToList();
        return new SessionPage(page, matching.Count, query.Offset, query.Limit);
    }

    private void Put(SessionInfo session)
    {
        _sessions[session.Id] = session;
        if (session.Key is { } key)
        {
            _keys[(session.Tenant, key)] = session.Id;
        }
    }

    private void Remove(SessionId id)
    {
        if (_sessions.Remove(id, out var session) && session.Key is { } key &&
            _keys.TryGetValue((session.Tenant, key), out var mapped) && mapped == id)
        {
            _keys.Remove((session.Tenant, key));
        }
    }
}

internal static class DirectorySerialization
{
    public static EventSerializerBuilder AddDirectoryEvents(this EventSerializerBuilder builder) => builder
        .Add<SessionRegistered>("manager.session-registered.v1")
        .Add<SessionSummaryRecorded>("manager.session-summary.v1")
        .Add<SessionUnregistered>("manager.session-unregistered.v1")
        .Add<DirectorySnapshot>("manager.snapshot.v1");
}
