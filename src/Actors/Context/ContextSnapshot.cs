using System.Collections.Immutable;
using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

/// <summary>
/// The stored form of a <see cref="ContextState"/> ("context.snapshot.v1"): plain lists, metadata as entries
/// (the serializer would camel-case dictionary keys), every counter kept so sequences continue after recovery.
/// The members after <see cref="MaxFiles"/> came with forks and rewinds; they are optional, so a snapshot written before
/// them still reads (as a session that was never rewound or forked) under the same manifest.
/// </summary>
internal sealed record ContextSnapshot(
    IReadOnlyList<HistoryEntry> History,
    long NextSequence,
    IReadOnlyList<SnapshotFile> Files,
    long NextFileOrder,
    int MaxHistory,
    int MaxFiles,
    IReadOnlyList<RewoundSpan>? Rewinds = null,
    IReadOnlyList<SnapshotEndedFile>? EndedFiles = null,
    IReadOnlyList<SupersededConfig>? ConfigHistory = null,
    ForkOrigin? ForkedFrom = null)
{
    /// <summary>The snapshot of <paramref name="state"/>.</summary>
    public static ContextSnapshot From(ContextState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ContextSnapshot(
            [.. state.History],
            state.NextSequence,
            [.. state.Files.Values.Select(SnapshotFile.From)],
            state.NextFileOrder,
            state.MaxHistory,
            state.MaxFiles,
            [.. state.Rewinds],
            [.. state.EndedFiles.Select(e => new SnapshotEndedFile(SnapshotFile.From(e.File), e.EndedAfter))],
            [.. state.ConfigHistory],
            state.ForkedFrom);
    }

    /// <summary>The state this snapshot holds.</summary>
    public ContextState ToState() => ContextState.Empty with
    {
        History = [.. History],
        NextSequence = NextSequence,
        Files = Files.Select(f => f.ToActiveFile()).ToImmutableSortedDictionary(f => f.Info.Path, f => f, StringComparer.Ordinal),
        NextFileOrder = NextFileOrder,
        MaxHistory = MaxHistory,
        MaxFiles = MaxFiles,
        Rewinds = [.. Rewinds ?? []],
        EndedFiles = [.. (EndedFiles ?? []).Select(e => new EndedFile(e.File.ToActiveFile(), e.EndedAfter))],
        ConfigHistory = [.. ConfigHistory ?? []],
        ForkedFrom = ForkedFrom,
    };
}

/// <summary>An ended file version inside a <see cref="ContextSnapshot"/>.</summary>
internal sealed record SnapshotEndedFile(SnapshotFile File, long EndedAfter);

/// <summary>One active file inside a <see cref="ContextSnapshot"/>.</summary>
internal sealed record SnapshotFile(
    string Path,
    string Content,
    int Length,
    string Sha256,
    DateTimeOffset AddedAt,
    IReadOnlyList<FileMetadataEntry> Metadata,
    long Order,
    long AddedAfter = 0)
{
    /// <summary>The stored form of <paramref name="file"/>.</summary>
    public static SnapshotFile From(ActiveFile file) => new(
        file.Info.Path,
        file.Content,
        file.Info.Length,
        file.Info.Sha256,
        file.Info.AddedAt,
        file.MetadataEntries,
        file.Order,
        file.AddedAfter);

    /// <summary>The active file this entry holds.</summary>
    public ActiveFile ToActiveFile() => new(
        new SessionFileInfo(Path, Length, Sha256, AddedAt, Metadata.ToImmutableDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal)),
        Content,
        Order,
        AddedAfter);
}
