using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Sessions;

// Requests travel as SessionEnvelope(tenant, id, payload) from the manager through a shard to the
// session's supervisor, which answers itself or forwards to /context or /agent (keeping the sender).
// Replies are Client DTOs; failures are Status.Failure carrying a typed SessionException.

/// <summary>A request for one session; shards route on <see cref="SessionId"/> without reading the payload.</summary>
internal sealed record SessionEnvelope(TenantId Tenant, SessionId SessionId, object Payload);

/// <summary>Run a turn. Reply: <see cref="MessageReply"/>. With <see cref="StreamTo"/>, deltas go there as <see cref="TurnDelta"/> first.</summary>
internal sealed record SendMessage(string Text, IActorRef? StreamTo = null);

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

/// <summary>End the session. Reply: <see cref="Status.Success"/>.</summary>
internal sealed record TerminateSession(TerminationReason Reason);

/// <summary>Reply: IReadOnlyList&lt;HistoryEntry&gt;.</summary>
internal sealed record GetHistory
{
    public static readonly GetHistory Instance = new();
}

/// <summary>Reply: <see cref="SessionFileInfo"/>.</summary>
internal sealed record AddFile(SessionFile File);

/// <summary>Reply: bool (true if the file was there).</summary>
internal sealed record RemoveFile(string Path);

/// <summary>Reply: IReadOnlyList&lt;SessionFileInfo&gt;.</summary>
internal sealed record ListFiles
{
    public static readonly ListFiles Instance = new();
}
