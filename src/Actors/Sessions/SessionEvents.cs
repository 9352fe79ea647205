using JidoSessions.Client;
using JidoSessions.Persistence.Serialization;

namespace JidoSessions.Actors.Sessions;

// Journaled events of a session entity (persistence id "session-{id}"). Past tense, immutable,
// applied by SessionState.Apply. Distinct from the Client's published SessionEvent records.

/// <summary>The session came into being.</summary>
internal sealed record SessionOpened(SessionId Id, TenantId Tenant, SessionKey? Key, SessionConfig Config, DateTimeOffset At);

/// <summary>Its config was patched (the full resulting config is stored).</summary>
internal sealed record SessionConfigChanged(SessionConfig Config, DateTimeOffset At);

/// <summary>Its status moved.</summary>
internal sealed record SessionStatusMoved(SessionStatus From, SessionStatus To, string Reason, DateTimeOffset At);

/// <summary>
/// The last event a purged journal gets before its rows are deleted: journals that keep the highest row of a
/// deleted stream (to remember its sequence number) then keep this one, which holds no session data.
/// </summary>
internal sealed record JournalPurged(DateTimeOffset At)
{
    public static JournalPurged Now(TimeProvider time) => new(time.GetUtcNow());
}

internal static class SessionSerialization
{
    public static EventSerializerBuilder AddSessionEvents(this EventSerializerBuilder builder) => builder
        .Add<SessionOpened>("session.opened.v1")
        .Add<SessionConfigChanged>("session.config-changed.v1")
        .Add<SessionStatusMoved>("session.status-moved.v1")
        .Add<JournalPurged>("journal.purged.v1")
        .Add<SessionState>("session.snapshot.v1");
}
