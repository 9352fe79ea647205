using System.Runtime.CompilerServices;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Memory;

namespace JidoSessions.Persistence.Tests.Actors;

/// <summary>A memory journal whose appends wait for a gate, can be made to fail, and whose reads count concurrency.</summary>
internal sealed class ControllableJournal : IJournal
{
    private readonly MemoryJournal _inner = new();
    private int _reading;

    public TaskCompletionSource? AppendGate { get; set; }

    public Exception? FailAppendsWith { get; set; }

    public int AppendCalls;

    public int MaxConcurrentReads;

    public TaskCompletionSource? ReadGate { get; set; }

    public async ValueTask AppendAsync(string persistenceId, IReadOnlyList<EventToWrite> events, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref AppendCalls);
        if (AppendGate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        if (FailAppendsWith is { } failure)
        {
            throw failure;
        }

        await _inner.AppendAsync(persistenceId, events, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<JournalEvent> ReadAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _reading);
        int max;
        while (now > (max = Volatile.Read(ref MaxConcurrentReads)) && Interlocked.CompareExchange(ref MaxConcurrentReads, now, max) != max)
        {
        }

        try
        {
            if (ReadGate is { } gate)
            {
                await gate.Task.ConfigureAwait(false);
            }

            await foreach (var @event in _inner.ReadAsync(persistenceId, fromSequenceNr, toSequenceNr, cancellationToken).ConfigureAwait(false))
            {
                yield return @event;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _reading);
        }
    }

    public ValueTask<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        _inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public ValueTask DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public IAsyncEnumerable<string> ReadPersistenceIdsAsync(string prefix, CancellationToken cancellationToken = default) =>
        _inner.ReadPersistenceIdsAsync(prefix, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
