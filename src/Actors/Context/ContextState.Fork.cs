using JidoSessions.Client;

namespace JidoSessions.Actors.Context;

// Forks and rewinds: what the state was at a message, and the audit view. Pure like Apply.
internal sealed partial record ContextState
{
    /// <summary>
    /// The seed of a fork at message <paramref name="atSequence"/> (history through it, the files active when it was
    /// written) and the config then in force, null when it is still the current one; or the validation error when the
    /// history holds no such message.
    /// </summary>
    public ValidationException? PlanFork(SessionId source, long atSequence, DateTimeOffset at, out ContextSeeded? seed, out SessionConfig? configThen)
    {
        seed = null;
        configThen = null;
        if (UnknownMessage("atSequence", atSequence) is { } invalid)
        {
            return invalid;
        }

        // A file belongs to message N if it was added before N was written and not yet gone when it was.
        var files = Files.Values
            .Concat(EndedFiles.Where(e => e.EndedAfter >= atSequence).Select(e => e.File))
            .Where(f => f.AddedAfter < atSequence)
            .OrderBy(f => f.Order)
            .Select(f => new FileAdded(
                f.Info.Path,
                f.Content,
                f.Info.Length,
                f.Info.Sha256,
                f.Info.AddedAt,
                f.MetadataEntries))
            .ToArray();
        seed = new ContextSeeded(source, atSequence, [.. History.TakeWhile(h => h.Sequence <= atSequence)], files, at);
        configThen = ConfigHistory.FirstOrDefault(c => c.ChangedAfter >= atSequence)?.Config;
        return null;
    }

    /// <summary>The rewind to <paramref name="toSequence"/>, null when nothing is after it, or the validation error.</summary>
    public ValidationException? PlanRewind(long toSequence, DateTimeOffset at, out HistoryRewound? rewind)
    {
        rewind = null;
        if (UnknownMessage("toSequence", toSequence) is { } invalid)
        {
            return invalid;
        }

        rewind = History[^1].Sequence > toSequence ? new HistoryRewound(toSequence, at) : null;
        return null;
    }

    /// <summary>Every stored message (hidden ones marked), each rewind and the fork origin, in the order they happened.</summary>
    public IReadOnlyList<HistoryAuditEntry> Audit()
    {
        var entries = new List<(long Position, int Rank, HistoryAuditEntry Entry)>();
        if (ForkedFrom is { } origin)
        {
            entries.Add((0, -1, new HistoryAuditEntry(
                HistoryAuditKind.Fork, origin.AtSequence, null, $"forked from session {origin.Source} at message {origin.AtSequence}", origin.At, false)));
        }

        entries.AddRange(History.Select(h => (h.Sequence, 0, Message(h, rewound: false))));
        foreach (var span in Rewinds)
        {
            entries.AddRange(span.Hidden.Select(h => (h.Sequence, 0, Message(h, rewound: true))));
            entries.Add((span.After, 1, new HistoryAuditEntry(
                HistoryAuditKind.Rewind, span.ToSequence, null, $"rewound to message {span.ToSequence}", span.At, false)));
        }

        return [.. entries.OrderBy(e => e.Position).ThenBy(e => e.Rank).Select(e => e.Entry)];
    }

    private static HistoryAuditEntry Message(HistoryEntry entry, bool rewound) =>
        new(HistoryAuditKind.Message, entry.Sequence, entry.Role, entry.Text, entry.At, rewound);

    private ValidationException? UnknownMessage(string field, long sequence)
    {
        if (History.Count == 0)
        {
            return ValidationException.For(field, "names no message: the session's history is empty");
        }

        return History.Any(h => h.Sequence == sequence)
            ? null
            : ValidationException.For(field, $"must be the sequence of a message in the session's history ({History[0].Sequence}-{History[^1].Sequence}, {History.Count} messages); {sequence} is not");
    }
}
