using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

// The journaled events of a ContextManager (persistence id "context-{sessionId}"). Each is registered
// under an explicit versioned manifest in ContextSerialization; change a shape only under a new manifest.
// History sequences are assigned when an event is applied (ContextState.NextSequence), never stored twice.

/// <summary>A journaled change of a session's context; applied by <see cref="ContextState.Apply"/>.</summary>
internal interface IContextEvent;

/// <summary>A completed turn: the user message, then the assistant message, recorded at <see cref="At"/>.</summary>
/// With <see cref="ToolResults"/> the first message is the caller's tool results (role Tool, empty text); with
/// <see cref="ToolCalls"/> the assistant message carries the calls the model made. Both optional: events written before
/// tools existed read the same.
internal sealed record TurnRecorded(
    string UserText,
    string AssistantText,
    DateTimeOffset At,
    IReadOnlyList<ToolResult>? ToolResults = null,
    IReadOnlyList<ToolCall>? ToolCalls = null) : IContextEvent;

/// <summary>History entries up to and including <see cref="ThroughSequence"/> were dropped (oldest first).</summary>
internal sealed record HistoryTrimmed(long ThroughSequence) : IContextEvent;

/// <summary>
/// A file became active (or replaced the active file with the same path). <see cref="Length"/> is the
/// UTF-8 byte count and <see cref="Sha256"/> the lowercase hex hash of the UTF-8 content.
/// </summary>
/// <remarks>
/// Metadata is a list of entries rather than a dictionary: the event serializer camel-cases dictionary
/// keys, which would rewrite the caller's keys on the way to the journal.
/// </remarks>
internal sealed record FileAdded(
    string Path,
    string Content,
    int Length,
    string Sha256,
    DateTimeOffset At,
    IReadOnlyList<FileMetadataEntry> Metadata) : IContextEvent;

/// <summary>The active file with <see cref="Path"/> was removed.</summary>
internal sealed record FileRemoved(string Path) : IContextEvent;

/// <summary>The limits changed; trims they imply are journaled as their own events in the same write.</summary>
internal sealed record LimitsChanged(int MaxHistory, int MaxFiles) : IContextEvent;

/// <summary>One metadata key and value of a file, as stored.</summary>
internal sealed record FileMetadataEntry(string Key, string Value);

/// <summary>
/// Messages after <see cref="ToSequence"/> were hidden from history and context (they stay in the audit view; the
/// next message continues the sequence after them).
/// </summary>
internal sealed record HistoryRewound(long ToSequence, DateTimeOffset At) : IContextEvent;

/// <summary>The session's config changed; <see cref="Before"/> was in force until now (kept so a fork can read it).</summary>
internal sealed record ConfigSuperseded(SessionConfig Before) : IContextEvent;

/// <summary>
/// The first event of a forked session's context: the source's history through <see cref="AtSequence"/> and the files
/// active then (each as the <see cref="FileAdded"/> that made it active).
/// </summary>
internal sealed record ContextSeeded(
    SessionId Source,
    long AtSequence,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<FileAdded> Files,
    DateTimeOffset At) : IContextEvent;
