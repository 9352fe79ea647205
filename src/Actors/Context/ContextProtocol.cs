using Akka.Actor;
using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Context;

// Messages between the session (supervisor, agent) and its ContextManager. The supervisor forwards
// GetHistory / AddFile / RemoveFile / ListFiles (see SessionProtocol) unchanged; the ContextManager answers
// them with the Client DTOs named there.

/// <summary>
/// Build the model input for a turn: system prompt first, then active files, then as much history as
/// fits the token budget (newest kept), then <see cref="UserMessage"/>. Reply: <see cref="BuiltContext"/>.
/// </summary>
/// <remarks><see cref="Prior"/>: a stateless caller's messages, read after the history (not stored).</remarks>
/// <see cref="ToolResults"/>: the turn's input is tool results, read last instead of <see cref="UserMessage"/>.
internal sealed record BuildContext(string UserMessage, string? SystemPrompt, int TokenBudget, IReadOnlyList<PriorMessage>? Prior = null, IReadOnlyList<ToolResult>? ToolResults = null);

/// <summary>The messages to send to the model, and the estimated tokens they take.</summary>
internal sealed record BuiltContext(IReadOnlyList<ChatMessage> Messages, int EstimatedTokens);

/// <summary>
/// Append one completed turn (user message, then assistant message) atomically; keeps at most
/// <see cref="MaxHistory"/> messages (oldest dropped). Reply: <see cref="TurnAppended"/> after it is durable.
/// </summary>
/// With <see cref="ToolResults"/> the first message is a Tool message; <see cref="ToolCalls"/> are the assistant's.
internal sealed record AppendTurn(string UserText, string AssistantText, int MaxHistory, IReadOnlyList<ToolResult>? ToolResults = null, IReadOnlyList<ToolCall>? ToolCalls = null);

/// <summary>The stored turn: the assistant message's entry carries the sequence the reply reports.</summary>
internal sealed record TurnAppended(HistoryEntry User, HistoryEntry Assistant, int MessageCount);

/// <summary>Limits the ContextManager enforces; sent by the supervisor when config changes. No reply.</summary>
internal sealed record ContextLimits(int MaxHistory, int MaxFiles);

/// <summary>Context → its session after recovery: how many messages it holds and when the last was added.</summary>
internal sealed record ContextReady(int MessageCount, DateTimeOffset? LastMessageAt);

/// <summary>Names of a session's context journal.</summary>
internal static class ContextManagerNames
{
    public static string PersistenceIdOf(SessionId sessionId) => "context-" + sessionId;
}

/// <summary>
/// Session → context: plan a fork at <see cref="AtSequence"/>. Reply to the session: <see cref="ForkPlanned"/>; a
/// sequence the history does not hold is answered to <see cref="ReplyTo"/> as a validation failure.
/// </summary>
internal sealed record PlanFork(long AtSequence, SessionKey? Key, IActorRef ReplyTo);

/// <summary>The fork's seed and the config in force at its message (null: the current one).</summary>
internal sealed record ForkPlanned(ContextSeeded Seed, SessionConfig? ConfigThen, SessionKey? Key, IActorRef ReplyTo);

/// <summary>A forked session → its new context: start from <see cref="Seed"/>. Reply to the session: <see cref="ContextSeedStored"/>.</summary>
internal sealed record SeedContext(ContextSeeded Seed, IActorRef ReplyTo);

/// <summary>The seed is durable (or was already there).</summary>
internal sealed record ContextSeedStored(int MessageCount, SessionId Source, long AtSequence, IActorRef ReplyTo);

/// <summary>
/// Session → context: hide messages after <see cref="ToSequence"/>. Reply to the session: <see cref="ContextRewound"/>;
/// an unknown sequence is answered to <see cref="ReplyTo"/> as a validation failure.
/// </summary>
internal sealed record RewindContext(long ToSequence, IActorRef ReplyTo);

/// <summary>The rewind is durable (<see cref="Rewound"/> false: nothing was after the sequence, nothing written).</summary>
internal sealed record ContextRewound(long ToSequence, bool Rewound, int MessageCount, DateTimeOffset? LastMessageAt, IActorRef ReplyTo);

/// <summary>Session → context after a config change: <see cref="Before"/> was in force until now. No reply.</summary>
internal sealed record NoteConfigChange(SessionConfig Before);
