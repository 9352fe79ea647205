using JidoSessions.Client;

namespace JidoSessions.Actors.Sessions;

/// <summary>A session's own state (not its history or files, which the ContextManager holds). Immutable.</summary>
internal sealed record SessionState(
    SessionId Id,
    TenantId Tenant,
    SessionKey? Key,
    SessionStatus Status,
    SessionConfig Config,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActiveAt,
    int MessageCount)
{
    /// <summary>State before the session was opened.</summary>
    public static SessionState Empty(SessionId id, TenantId tenant) =>
        new(id, tenant, null, SessionStatus.Initializing, new SessionConfig(), default, default, default, 0);

    /// <summary>Whether <see cref="SessionOpened"/> has been applied.</summary>
    public bool IsOpened => CreatedAt != default;

    /// <summary>Applies one journaled event; pure.</summary>
    public SessionState Apply(object @event) => @event switch
    {
        SessionOpened opened => this with
        {
            Key = opened.Key,
            Config = opened.Config,
            CreatedAt = opened.At,
            UpdatedAt = opened.At,
            LastActiveAt = opened.At,
        },
        SessionConfigChanged changed => this with { Config = changed.Config, UpdatedAt = changed.At },
        SessionStatusMoved moved => this with { Status = moved.To, UpdatedAt = moved.At },
        JournalPurged => this,
        _ => throw new ArgumentException($"Unknown session event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <summary>The outside view.</summary>
    public SessionInfo ToInfo() => new(Id, Tenant, Key, Status, Config, CreatedAt, UpdatedAt, LastActiveAt, MessageCount);
}
