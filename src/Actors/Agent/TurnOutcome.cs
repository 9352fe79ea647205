using JidoSessions.Client;

namespace JidoSessions.Actors.Agent;

// How a turn's task reports back to its LlmAgent (piped to Self, so the agent's state only changes on
// the agent's own thread). TurnId tells outcomes of an earlier incarnation or turn apart.

/// <summary>The end of one turn's task.</summary>
internal abstract record TurnOutcome(long TurnId);

/// <summary>The model answered and both messages are in history, which now holds <see cref="MessageCount"/> messages.</summary>
internal sealed record TurnSucceeded(long TurnId, MessageReply Reply, int MessageCount) : TurnOutcome(TurnId);

/// <summary>The model or the context failed the turn; nothing was appended (unless the detail says it may have been).</summary>
internal sealed record TurnFailed(long TurnId, TurnFailedException Error) : TurnOutcome(TurnId);

/// <summary>The turn was cancelled; <see cref="MessageCount"/> is set when an interrupted turn's partial exchange was appended.</summary>
internal sealed record TurnCancelled(long TurnId, int? MessageCount) : TurnOutcome(TurnId);

/// <summary>The turn's own code threw (a bug, not a provider failure): the agent fails after answering the caller.</summary>
internal sealed record TurnFaulted(long TurnId, Exception Exception) : TurnOutcome(TurnId);
