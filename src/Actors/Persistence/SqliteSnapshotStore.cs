using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using JidoSessions.Actors.Hosting;
using JidoSessions.Persistence.Serialization;
using JidoSessions.Persistence.Sqlite;

namespace JidoSessions.Actors.Persistence;

/// <summary>Akka.Persistence snapshot store on the same group-commit SQLite store as <see cref="SqliteJournal"/>.</summary>
internal sealed class SqliteSnapshotStore : SnapshotStore
{
    private readonly string _path;
    private readonly Task<SqliteStore> _store;
    private readonly EventSerializer _serializer = JidoSessionsAkkaExtensions.BuildSerializer();
    private readonly NewPersistenceIds _newIds;

    public SqliteSnapshotStore(Config config)
    {
        _path = config.GetString("path");
        _store = SqliteStores.Acquire(_path, config.GetBoolean("synchronous-full", true));
        _newIds = NewPersistenceIds.Get(Context.System);
        _newIds.SnapshotsHonour();
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        if (_newIds.IsNew(persistenceId))
        {
            return null;
        }

        var store = await _store.ConfigureAwait(false);
        if (await store.LoadLatestAsync(persistenceId, criteria.MaxSequenceNr, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        return new SelectedSnapshot(
            new SnapshotMetadata(persistenceId, entry.SequenceNr, entry.Created.UtcDateTime),
            _serializer.Deserialize(entry.Manifest, entry.Payload));
    }

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var store = await _store.ConfigureAwait(false);
        var (manifest, payload) = _serializer.Serialize(snapshot);
        await store.SaveAsync(new JidoSessions.Persistence.Snapshots.SnapshotEntry(metadata.PersistenceId, metadata.SequenceNr, new DateTimeOffset(metadata.Timestamp, TimeSpan.Zero), manifest, payload), cancellationToken).ConfigureAwait(false);
    }

    // This store keeps only what deletes leave: deleting one snapshot also deletes the older ones, which is what the
    // session system asks for anyway (only the latest snapshot is ever loaded).
    protected override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        var store = await _store.ConfigureAwait(false);
        await store.DeleteToAsync(metadata.PersistenceId, metadata.SequenceNr, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var store = await _store.ConfigureAwait(false);
        await store.DeleteToAsync(persistenceId, criteria.MaxSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    protected override void PostStop()
    {
        _ = SqliteStores.ReleaseAsync(_path);
        base.PostStop();
    }
}
