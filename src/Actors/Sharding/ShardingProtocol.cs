using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Sharding;

/// <summary>Always a new session. Reply: <see cref="SessionInfo"/>.</summary>
internal sealed record CreateSession(TenantId Tenant, SessionConfig? Config);

/// <summary>The session of (tenant, key), created if needed. Reply: <see cref="GetOrCreateResult"/>.</summary>
internal sealed record GetOrCreateSession(TenantId Tenant, SessionKey Key, SessionConfig? Config);

/// <summary>Reply: <see cref="SessionPage"/>.</summary>
internal sealed record ListSessions(TenantId Tenant, ListSessionsQuery Query);

/// <summary>Manager → shard: a request for one session, with the directory's summary (used if it must be started).</summary>
internal sealed record ShardEnvelope(SessionInfo Directory, object Payload);

/// <summary>Payload asking the session for its info as a get-or-create reply.</summary>
internal sealed record ReplyInfoAs(bool Created);

/// <summary>Session → its shard: stop me, buffer my messages until I am gone, restart me if any arrived.</summary>
internal sealed record Passivate(SessionId Id);

/// <summary>Session → its shard: I am ending on purpose; my stop is not a crash.</summary>
internal sealed record SessionEnding(SessionId Id);

/// <summary>Shard → manager: a session actor stopped unexpectedly (killed, stopped, or crashed).</summary>
internal sealed record SessionCrashed(SessionId Id, string Reason);

/// <summary>Session → manager: my latest summary.</summary>
internal sealed record ReportSummary(SessionInfo Session);

/// <summary>Session → manager: I have ended; unregister me, then send <paramref name="Reply"/> to <paramref name="ReplyTo"/>.</summary>
internal sealed record SessionEnded(SessionId Id, IActorRef? ReplyTo, object Reply);

/// <summary>Diagnostics and tests: reply with the session supervisor's ref (starting it if needed).</summary>
internal sealed record ResolveSessionActor
{
    public static readonly ResolveSessionActor Instance = new();
}
