using System.Runtime.CompilerServices;
using JidoSessions.Persistence.Journal;

namespace JidoSessions.Persistence.Memory;

/// <summary>
/// An in-process journal with the same contract as the SQL stores (gaps and duplicates rejected,
/// logical deletes). Nothing survives the process: for tests and throwaway sessions.
/// </summary>
public sealed class MemoryJournal(TimeProvider? time = null) : IJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(JournalEvent Event, bool Deleted)>> _streams = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _ordering;

    /// <inheritdoc />
    public ValueTask AppendAsync(string persistenceId, IReadOnlyList<EventToWrite> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        if (events.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            var stream = _streams.GetValueOrDefault(persistenceId) ?? [];
            var highest = stream.Count == 0 ? 0 : stream[^1].Event.SequenceNr;
            for (var i = 0; i < events.Count; i++)
            {
                var expected = highest + 1 + i;
                if (events[i].SequenceNr <= highest)
                {
                    throw new JournalConcurrencyException(persistenceId, events[i].SequenceNr);
                }

                if (events[i].SequenceNr != expected)
                {
                    throw new JournalSequenceGapException(persistenceId, expected, events[i].SequenceNr);
                }
            }

            var now = _time.GetUtcNow();
            foreach (var write in events)
            {
                stream.Add((new JournalEvent(++_ordering, persistenceId, write.SequenceNr, now, write.Manifest, write.Payload), false));
            }

            _streams[persistenceId] = stream;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalEvent> ReadAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JournalEvent[] events;
        lock (_gate)
        {
            events = _streams.TryGetValue(persistenceId, out var stream)
                ? [.. stream.Where(e => !e.Deleted && e.Event.SequenceNr >= fromSequenceNr && e.Event.SequenceNr <= toSequenceNr).Select(e => e.Event)]
                : [];
        }

        foreach (var @event in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return @event;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_streams.TryGetValue(persistenceId, out var stream) && stream.Count > 0 ? stream[^1].Event.SequenceNr : 0L);
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_streams.TryGetValue(persistenceId, out var stream))
            {
                for (var i = 0; i < stream.Count && stream[i].Event.SequenceNr <= toSequenceNr; i++)
                {
                    stream[i] = (stream[i].Event, true);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadPersistenceIdsAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[] ids;
        lock (_gate)
        {
            ids = [.. _streams.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        }

        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
