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
internal sealed record BuildContext(string UserMessage, string? SystemPrompt, int TokenBudget, IReadOnlyList<PriorMessage>? Prior = null);

/// <summary>The messages to send to the model, and the estimated tokens they take.</summary>
internal sealed record BuiltContext(IReadOnlyList<ChatMessage> Messages, int EstimatedTokens);

/// <summary>
/// Append one completed turn (user message, then assistant message) atomically; keeps at most
/// <see cref="MaxHistory"/> messages (oldest dropped). Reply: <see cref="TurnAppended"/> after it is durable.
/// </summary>
internal sealed record AppendTurn(string UserText, string AssistantText, int MaxHistory);

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
