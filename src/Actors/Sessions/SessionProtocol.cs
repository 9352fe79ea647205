using Akka.Actor;
using JidoSessions.Client;

namespace JidoSessions.Actors.Sessions;

// Requests travel as SessionEnvelope(tenant, id, payload) through the "session" shard region to the
// session's entity, which answers itself or forwards to /context or /agent (keeping the sender).
// Replies are Client DTOs; failures are a FailureReply carrying a typed SessionException
// (Status.Failure only for untyped ones). Everything here crosses nodes through JidoWireSerializer.

/// <summary>A request for one session; the message extractor routes on <see cref="SessionId"/> without reading the payload.</summary>
internal sealed record SessionEnvelope(TenantId Tenant, SessionId SessionId, object Payload);

/// <summary>
/// Open a session that was never opened (a fresh id). Reply: <see cref="GetOrCreateResult"/> (Created true) when
/// <see cref="AsGetOrCreate"/>, else <see cref="SessionInfo"/>.
/// With <see cref="Seed"/> the session is a fork: its context starts from the seed and the reply (a SessionInfo) waits
/// until the seed is durable.
/// </summary>
internal sealed record OpenSession(SessionKey? Key, SessionConfig Config, bool AsGetOrCreate, Context.ContextSeeded? Seed = null);

/// <summary>
/// From the key entity: the caller's get-or-create resolved to this id. Reply: <see cref="GetOrCreateResult"/>
/// (Created false; true when the assignment was journaled but the session never opened, which a crash can leave).
/// A session that is ending bounces it back to the key entity as <see cref="Keys.KeyStale"/>.
/// With <see cref="Seed"/> (a fork asking for this key) a live session refuses: the key is taken.
/// </summary>
internal sealed record JoinSession(SessionKey Key, SessionConfig? Config, Context.ContextSeeded? Seed = null);

/// <summary>
/// Run a turn. Reply: <see cref="MessageReply"/>. With <see cref="StreamTo"/>, deltas go there as <see cref="TurnDelta"/>
/// first. <see cref="Options"/>: this turn's sampling settings (validated by the client), null for the defaults.
/// </summary>
/// With <see cref="ToolResults"/> the turn's input is the caller's answers to the model's tool calls (<see cref="Text"/> empty).
internal sealed record SendMessage(string Text, IActorRef? StreamTo = null, TurnOptions? Options = null, IReadOnlyList<ToolResult>? ToolResults = null);

/// <summary>A piece of assistant text of a streamed turn.</summary>
internal sealed record TurnDelta(string Text);

/// <summary>Cancel the turn in progress. Reply: bool (true if one was cancelled).</summary>
internal sealed record CancelTurn
{
    public static readonly CancelTurn Instance = new();
}

/// <summary>Reply: <see cref="SessionInfo"/>.</summary>
internal sealed record GetSessionInfo
{
    public static readonly GetSessionInfo Instance = new();
}

/// <summary>Apply a config patch. Reply: <see cref="SessionInfo"/>.</summary>
internal sealed record SetSessionConfig(SessionConfig Patch);

/// <summary>End the session. Reply: <see cref="Status.Success"/> once it is gone (also to callers who asked while it was ending).</summary>
internal sealed record TerminateSession(TerminationReason Reason);

/// <summary>Reply: IReadOnlyList&lt;HistoryEntry&gt;.</summary>
internal sealed record GetHistory
{
    public static readonly GetHistory Instance = new();
}

/// <summary>Reply: IReadOnlyList&lt;HistoryAuditEntry&gt;.</summary>
internal sealed record GetHistoryAudit
{
    public static readonly GetHistoryAudit Instance = new();
}

/// <summary>
/// Fork the session at message <see cref="AtSequence"/> into a new one (with <see cref="Key"/> if given). Reply: the
/// fork's <see cref="SessionInfo"/>, once its seed is durable.
/// </summary>
internal sealed record ForkSession(long AtSequence, SessionKey? Key);

/// <summary>Hide the messages after <see cref="ToSequence"/>. Reply: <see cref="SessionInfo"/>.</summary>
internal sealed record RewindSession(long ToSequence);

/// <summary>Reply: <see cref="SessionFileInfo"/>.</summary>
internal sealed record AddFile(SessionFile File);

/// <summary>Reply: bool (true if the file was there).</summary>
internal sealed record RemoveFile(string Path);

/// <summary>Reply: IReadOnlyList&lt;SessionFileInfo&gt;.</summary>
internal sealed record ListFiles
{
    public static readonly ListFiles Instance = new();
}

/// <summary>
/// From a node's TTL sweeper (no reply): end the session if its time to live has run out. Wakes a passivated session;
/// it is not activity, so it does not keep the session alive.
/// </summary>
internal sealed record ExpireIfIdle
{
    public static readonly ExpireIfIdle Instance = new();
}

/// <summary>The shard's stop message for a passivating session entity (see ShardRegion.Passivate).</summary>
internal sealed record StopSession
{
    public static readonly StopSession Instance = new();
}
