namespace JidoSessions.Client;

/// <summary>What a caller may set when a session is created.</summary>
public sealed record CreateSessionRequest
{
    /// <summary>Initial config; null for server defaults.</summary>
    public SessionConfig? Config { get; init; }
}

/// <summary>A session as seen from outside.</summary>
public sealed record SessionInfo(
    SessionId Id,
    TenantId Tenant,
    SessionKey? Key,
    SessionStatus Status,
    SessionConfig Config,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActiveAt,
    int MessageCount);

/// <summary>The result of get-or-create: the session, and whether this call created it or adopted an existing one.</summary>
public sealed record GetOrCreateResult(SessionInfo Session, bool Created);

/// <summary>
/// The reply to one message: the assistant's text, after user and assistant messages were appended to history, and
/// the turn's token usage (null only from servers older than it).
/// </summary>
public sealed record MessageReply(SessionId SessionId, string Text, long Sequence, string Model, DateTimeOffset CompletedAt, TurnUsage? Usage = null);

/// <summary>
/// Tokens of one turn. <see cref="Reported"/>: the model provider's own counts; otherwise counted by the session
/// system with o200k_base: the whole context the model read (system prompt, files, history, the message) and the reply.
/// </summary>
public sealed record TurnUsage(int PromptTokens, int CompletionTokens, bool Reported)
{
    /// <summary>Prompt plus completion.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>One piece of a streamed turn: a text delta, or the final reply when <see cref="Completed"/> is set.</summary>
public sealed record TurnUpdate(string Delta, MessageReply? Completed);

/// <summary>Role of a history message.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MessageRole>))]
public enum MessageRole
{
    /// <summary>The caller.</summary>
    User,

    /// <summary>The model.</summary>
    Assistant,
}

/// <summary>
/// One message of a session's history. <see cref="Sequence"/> grows with every message and is never reused: after a
/// rewind the next message continues after the hidden ones (1, 2, rewind to 2, then 5, 6).
/// </summary>
public sealed record HistoryEntry(long Sequence, MessageRole Role, string Text, DateTimeOffset At);

/// <summary>A file made active in a session (its text is part of the model's context).</summary>
public sealed record SessionFile(string Path, string Content, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>An active file's index entry.</summary>
public sealed record SessionFileInfo(string Path, int Length, string Sha256, DateTimeOffset AddedAt, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Which sessions to list: newest first, optionally by status, <see cref="Offset"/>/<see cref="Limit"/> paging.</summary>
public sealed record ListSessionsQuery(SessionStatus? Status = null, int Offset = 0, int Limit = 50)
{
    /// <summary>Throws <see cref="ValidationException"/> for a negative offset or a limit outside 1–1000.</summary>
    public void Validate()
    {
        if (Offset < 0)
        {
            throw ValidationException.For("offset", "must not be negative");
        }

        if (Limit is < 1 or > 1000)
        {
            throw ValidationException.For("limit", "must be between 1 and 1000");
        }
    }
}

/// <summary>A page of sessions and the total that matched.</summary>
public sealed record SessionPage(IReadOnlyList<SessionInfo> Items, int Total, int Offset, int Limit);

/// <summary>
/// What a fork copies: the source's history through message <see cref="AtSequence"/> (a message the source's history
/// holds), the files active when that message was written and the config then in force. <see cref="Key"/>: the new
/// session's key, or null for none; a key that already names a live session is refused.
/// </summary>
public sealed record ForkSessionRequest(long AtSequence, SessionKey? Key = null);

/// <summary>What an entry of a session's audit history is.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(HistoryAuditKindConverter))]
public enum HistoryAuditKind
{
    /// <summary>A message (<see cref="HistoryAuditEntry.Rewound"/> when a later rewind hid it).</summary>
    Message,

    /// <summary>A rewind: messages after <see cref="HistoryAuditEntry.Sequence"/> were hidden.</summary>
    Rewind,

    /// <summary>The session began as a fork (first entry); <see cref="HistoryAuditEntry.Text"/> names the source.</summary>
    Fork,
}

/// <summary>
/// Writes <see cref="HistoryAuditKind"/> as <c>message</c>, <c>rewind</c>, <c>fork</c>, like the lower-case <c>type</c>
/// of events (on the member itself, so a serializer's own enum converter does not override it).
/// </summary>
public sealed class HistoryAuditKindConverter()
    : System.Text.Json.Serialization.JsonStringEnumConverter<HistoryAuditKind>(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false);

/// <summary>
/// One entry of the audit view of a session's history: every message still stored (hidden ones marked
/// <see cref="Rewound"/>), every rewind, and the fork the session came from, in the order they happened.
/// For <see cref="HistoryAuditKind.Rewind"/> and <see cref="HistoryAuditKind.Fork"/>, <see cref="Sequence"/> is the
/// message they were made at and <see cref="Role"/> is null.
/// </summary>
public sealed record HistoryAuditEntry(
    [property: System.Text.Json.Serialization.JsonConverter(typeof(HistoryAuditKindConverter))] HistoryAuditKind Kind,
    long Sequence, MessageRole? Role, string Text, DateTimeOffset At, bool Rewound);
