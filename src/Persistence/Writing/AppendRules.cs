using JidoSessions.Persistence.Journal;

namespace JidoSessions.Persistence.Writing;

/// <summary>The sequence-number rules of <see cref="IJournal.AppendAsync"/>, shared by both stores.</summary>
internal static class AppendRules
{
    /// <summary>
    /// Checks what can be checked without the database. Invalid arguments throw; a batch that is not contiguous is a
    /// <see cref="JournalSequenceGapException"/>, returned so the caller can fail its task rather than throw.
    /// </summary>
    public static JournalSequenceGapException? Validate(string persistenceId, IReadOnlyList<EventToWrite> events)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return null;
        }

        var first = events[0] ?? throw new ArgumentException("Events must not contain null.", nameof(events));
        ArgumentOutOfRangeException.ThrowIfLessThan(first.SequenceNr, 1, nameof(events));
        for (var i = 0; i < events.Count; i++)
        {
            var @event = events[i] ?? throw new ArgumentException("Events must not contain null.", nameof(events));
            ArgumentNullException.ThrowIfNull(@event.Manifest, nameof(events));
            ArgumentNullException.ThrowIfNull(@event.Payload, nameof(events));
            if (@event.SequenceNr != first.SequenceNr + i)
            {
                return new JournalSequenceGapException(persistenceId, first.SequenceNr + i, @event.SequenceNr);
            }
        }

        return null;
    }

    /// <summary>
    /// The error for appending at <paramref name="firstSequenceNr"/> when <paramref name="highestStored"/> is the
    /// highest stored sequence number, or <see langword="null"/> when the append may proceed.
    /// </summary>
    public static Exception? CheckContinuation(string persistenceId, long highestStored, long firstSequenceNr)
    {
        if (firstSequenceNr <= highestStored)
        {
            return new JournalConcurrencyException(persistenceId, firstSequenceNr);
        }

        return firstSequenceNr == highestStored + 1
            ? null
            : new JournalSequenceGapException(persistenceId, highestStored + 1, firstSequenceNr);
    }
}
