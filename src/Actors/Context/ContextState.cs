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
        HistoryTrimmed trimmed => this with { History = History.RemoveRange(0, CountThrough(trimmed.ThroughSequence)) },
        FileAdded added => this with
        {
            Files = Files.SetItem(added.Path, new ActiveFile(InfoOf(added), added.Content, NextFileOrder)),
            NextFileOrder = NextFileOrder + 1,
        },
        FileRemoved removed => this with { Files = Files.Remove(removed.Path) },
        LimitsChanged limits => this with { MaxHistory = limits.MaxHistory, MaxFiles = limits.MaxFiles },
        _ => throw new ArgumentException($"Unknown context event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <summary>The entries <paramref name="turn"/> adds when applied to this state.</summary>
    public (HistoryEntry User, HistoryEntry Assistant) EntriesFor(TurnRecorded turn) => (
        new HistoryEntry(NextSequence, MessageRole.User, turn.UserText, turn.At),
        new HistoryEntry(NextSequence + 1, MessageRole.Assistant, turn.AssistantText, turn.At));

    private ContextState ApplyTurn(TurnRecorded turn)
    {
        var (user, assistant) = EntriesFor(turn);
        return this with { History = History.Add(user).Add(assistant), NextSequence = NextSequence + 2 };
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
