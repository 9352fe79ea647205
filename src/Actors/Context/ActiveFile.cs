using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

/// <summary>
/// An active file: its index entry, its text, its add order (higher is newer; a replace renews it) and
/// <see cref="AddedAfter"/>, the sequence of the newest message when it was added (0 before any), which tells a fork
/// whether the file was there at a given message.
/// </summary>
internal sealed record ActiveFile(SessionFileInfo Info, string Content, long Order, long AddedAfter = 0)
{
    /// <summary>The metadata as stored: entries in ordinal key order (the serializer would camel-case dictionary keys).</summary>
    public IReadOnlyList<FileMetadataEntry> MetadataEntries =>
        [.. Info.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new FileMetadataEntry(m.Key, m.Value))];
}

/// <summary>A file version that is no longer active (replaced or removed after message <see cref="EndedAfter"/>), kept for forks.</summary>
internal sealed record EndedFile(ActiveFile File, long EndedAfter);

/// <summary>The config that was in force until it changed after message <see cref="ChangedAfter"/>, kept for forks.</summary>
internal sealed record SupersededConfig(long ChangedAfter, SessionConfig Config);

/// <summary>Messages after <see cref="ToSequence"/> were hidden at <see cref="At"/>, when the newest message was <see cref="After"/>.</summary>
internal sealed record RewoundSpan(long ToSequence, long After, DateTimeOffset At, IReadOnlyList<HistoryEntry> Hidden);

/// <summary>The session began as a fork of <see cref="Source"/> at message <see cref="AtSequence"/>.</summary>
internal sealed record ForkOrigin(SessionId Source, long AtSequence, DateTimeOffset At);
