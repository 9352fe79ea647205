using System.Collections.Immutable;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

/// <summary>
/// The state of one session's context: history, active files (which are also the file index) and limits.
/// Immutable; <see cref="Apply"/> is pure, so replaying the same events always yields the same state.
/// </summary>
/// <remarks>
/// Invariants: history is ordered by <see cref="HistoryEntry.Sequence"/>; sequences are assigned from
/// <see cref="NextSequence"/>, which only grows, so a sequence is never reused after entries are dropped.
/// </remarks>
internal sealed partial record ContextState
{
    private static readonly SessionDefaults Defaults = new();

    /// <summary>A session with no history, no files and the server's default limits.</summary>
    public static ContextState Empty { get; } = new();

    /// <summary>Messages, oldest first.</summary>
    public ImmutableList<HistoryEntry> History { get; init; } = [];

    /// <summary>The sequence the next message gets.</summary>
    public long NextSequence { get; init; } = 1;

    /// <summary>Active files by path (ordinal order).</summary>
    public ImmutableSortedDictionary<string, ActiveFile> Files { get; init; } =
        ImmutableSortedDictionary.Create<string, ActiveFile>(StringComparer.Ordinal);

    /// <summary>The add order the next added file gets.</summary>
    public long NextFileOrder { get; init; } = 1;

    /// <summary>Rewinds, oldest first, with the messages each hid (at most <see cref="MaxHistory"/> hidden messages are kept).</summary>
    public ImmutableList<RewoundSpan> Rewinds { get; init; } = [];

    /// <summary>File versions no longer active whose lifetime a fork may still ask about.</summary>
    public ImmutableList<EndedFile> EndedFiles { get; init; } = [];

    /// <summary>Configs replaced after a message a fork may still ask about, oldest first.</summary>
    public ImmutableList<SupersededConfig> ConfigHistory { get; init; } = [];

    /// <summary>Where this session was forked from; null if it was not.</summary>
    public ForkOrigin? ForkedFrom { get; init; }

    /// <summary>The sequence of the newest message ever written (hidden ones included); 0 before any.</summary>
    public long Position => NextSequence - 1;

    /// <summary>History messages kept by <see cref="PlanLimits"/>.</summary>
    public int MaxHistory { get; init; } = Defaults.MaxHistory;

    /// <summary>Active files allowed.</summary>
    public int MaxFiles { get; init; } = Defaults.MaxFiles;

    /// <summary>The file index, sorted by path.</summary>
    public IReadOnlyList<SessionFileInfo> FileIndex => [.. Files.Values.Select(f => f.Info)];

    /// <summary>Active files, most recently added first.</summary>
    public IEnumerable<ActiveFile> FilesNewestFirst => Files.Values.OrderByDescending(f => f.Order);

    /// <summary>The state after <paramref name="event"/>.</summary>
    public ContextState Apply(IContextEvent @event) => @event switch
    {
        TurnRecorded turn => ApplyTurn(turn),
        HistoryTrimmed trimmed => (this with { History = History.RemoveRange(0, CountThrough(trimmed.ThroughSequence)) }).Pruned(),
        FileAdded added => (Files.TryGetValue(added.Path, out var replaced) ? Ended(replaced) : this) with
        {
            Files = Files.SetItem(added.Path, new ActiveFile(InfoOf(added), added.Content, NextFileOrder, Position)),
            NextFileOrder = NextFileOrder + 1,
        },
        FileRemoved removed => (Files.TryGetValue(removed.Path, out var gone) ? Ended(gone) : this) with { Files = Files.Remove(removed.Path) },
        LimitsChanged limits => this with { MaxHistory = limits.MaxHistory, MaxFiles = limits.MaxFiles },
        HistoryRewound rewound => ApplyRewind(rewound),
        ConfigSuperseded superseded => (this with { ConfigHistory = ConfigHistory.Add(new SupersededConfig(Position, superseded.Before)) }).Pruned(),
        ContextSeeded seeded => ApplySeed(seeded),
        _ => throw new ArgumentException($"Unknown context event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <summary>The entries <paramref name="turn"/> adds when applied to this state.</summary>
    public (HistoryEntry User, HistoryEntry Assistant) EntriesFor(TurnRecorded turn) => (
        turn.ToolResults is { } results
            ? new HistoryEntry(NextSequence, MessageRole.Tool, "", turn.At, ToolResults: results)
            : new HistoryEntry(NextSequence, MessageRole.User, turn.UserText, turn.At),
        new HistoryEntry(NextSequence + 1, MessageRole.Assistant, turn.AssistantText, turn.At, turn.ToolCalls is { Count: > 0 } calls ? calls : null));

    private ContextState ApplyTurn(TurnRecorded turn)
    {
        var (user, assistant) = EntriesFor(turn);
        return this with { History = History.Add(user).Add(assistant), NextSequence = NextSequence + 2 };
    }

    private ContextState Ended(ActiveFile file) => (this with { EndedFiles = EndedFiles.Add(new EndedFile(file, Position)) }).Pruned();

    private ContextState ApplyRewind(HistoryRewound rewound)
    {
        var kept = CountThrough(rewound.ToSequence);
        var span = new RewoundSpan(rewound.ToSequence, Position, rewound.At, [.. History.Skip(kept)]);
        var rewinds = Rewinds.Add(span);

        // Bounded like history: at most MaxHistory hidden messages (oldest go first) and MaxHistory rewinds.
        var excess = rewinds.Sum(r => r.Hidden.Count) - Math.Max(0, MaxHistory);
        for (var i = 0; excess > 0 && i < rewinds.Count; i++)
        {
            var drop = Math.Min(excess, rewinds[i].Hidden.Count);
            rewinds = rewinds.SetItem(i, rewinds[i] with { Hidden = [.. rewinds[i].Hidden.Skip(drop)] });
            excess -= drop;
        }

        if (rewinds.Count > Math.Max(1, MaxHistory))
        {
            rewinds = rewinds.RemoveRange(0, rewinds.Count - Math.Max(1, MaxHistory));
        }

        return (this with { History = History.RemoveRange(kept, History.Count - kept), Rewinds = rewinds }).Pruned();
    }

    private ContextState ApplySeed(ContextSeeded seeded)
    {
        var order = NextFileOrder;
        var files = Files;
        foreach (var file in seeded.Files)
        {
            files = files.SetItem(file.Path, new ActiveFile(InfoOf(file), file.Content, order++, 0));
        }

        return this with
        {
            History = [.. seeded.History],
            NextSequence = seeded.AtSequence + 1,
            Files = files,
            NextFileOrder = order,
            ForkedFrom = new ForkOrigin(seeded.Source, seeded.AtSequence, seeded.At),
        };
    }

    /// <summary>
    /// Drops what no fork can ask about any more: a fork names a message still in history, so file versions that ended
    /// and configs replaced before the oldest kept message are never read again.
    /// </summary>
    private ContextState Pruned()
    {
        var oldest = History.Count > 0 ? History[0].Sequence : NextSequence;
        return this with
        {
            EndedFiles = EndedFiles.RemoveAll(f => f.EndedAfter < oldest),
            ConfigHistory = ConfigHistory.RemoveAll(c => c.ChangedAfter < oldest),
        };
    }

    private int CountThrough(long sequence)
    {
        var count = 0;
        while (count < History.Count && History[count].Sequence <= sequence)
        {
            count++;
        }

        return count;
    }

    private static SessionFileInfo InfoOf(FileAdded added) => new(
        added.Path,
        added.Length,
        added.Sha256,
        added.At,
        added.Metadata.ToImmutableDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal));
}
