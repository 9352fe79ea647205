using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using JidoSessions.Actors.Hosting;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Serialization;
using JidoSessions.Persistence.Sqlite;

namespace JidoSessions.Actors.Persistence;

/// <summary>
/// Akka.Persistence journal on our group-commit SQLite store: every AtomicWrite of every persistent actor in flight
/// goes to one writer that commits them in one transaction (Akka.Persistence.Sql takes SQLite's write lock per write:
/// ~200 turns/s measured here against ~24,000 on this store). (persistence id, sequence nr) is unique: a second writer
/// for one id fails its persist instead of forking history. Payloads use the explicit-manifest serializer.
/// </summary>
internal sealed class SqliteJournal : AsyncWriteJournal
{
    private readonly string _path;
    private readonly Task<SqliteStore> _store;
    private readonly EventSerializer _serializer = JidoSessionsAkkaExtensions.BuildSerializer();
    private readonly NewPersistenceIds _newIds;

    public SqliteJournal(Config config)
    {
        _path = config.GetString("path");
        _store = SqliteStores.Acquire(_path, config.GetBoolean("synchronous-full", true));
        _newIds = NewPersistenceIds.Get(Context.System);
        _newIds.JournalHonours();
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_newIds.TryConsume(persistenceId))
        {
            return 0;
        }

        var store = await _store.ConfigureAwait(false);
        return await store.ReadHighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false);
    }

    public override async Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        var store = await _store.ConfigureAwait(false);
        long replayed = 0;
        await foreach (var stored in store.ReadAsync(persistenceId, fromSequenceNr, toSequenceNr).ConfigureAwait(false))
        {
            if (replayed++ >= max)
            {
                break;
            }

            recoveryCallback(new Persistent(_serializer.Deserialize(stored.Manifest, stored.Payload), stored.SequenceNr, persistenceId, stored.Manifest));
        }
    }

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var store = await _store.ConfigureAwait(false);
        foreach (var write in messages)
        {
            _newIds.Forget(write.PersistenceId);
        }

        // Concurrent appends are what the group-commit writer batches into one transaction.
        var writes = messages.Select(write => store.AppendAsync(write.PersistenceId, [.. ((IImmutableList<IPersistentRepresentation>)write.Payload).Select(ToEvent)], cancellationToken).AsTask()).ToList();
        await Task.WhenAll(writes).ConfigureAwait(false);
        return null!;
    }

    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        var store = await _store.ConfigureAwait(false);
        await store.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    protected override void PostStop()
    {
        _ = SqliteStores.ReleaseAsync(_path);
        base.PostStop();
    }

    private EventToWrite ToEvent(IPersistentRepresentation repr)
    {
        var (manifest, payload) = _serializer.Serialize(repr.Payload);
        return new EventToWrite(repr.SequenceNr, manifest, payload);
    }
}
