using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Runtime;

namespace JidoSessions.Persistence.Actors;

/// <summary>Snapshots and deletes: fire-and-forget, their outcome is told to Self.</summary>
public abstract partial class PersistentActor
{
    /// <summary>Stores a snapshot of the state as of <see cref="LastSequenceNr"/>; the outcome is told to Self.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (manifest, payload) = Persistence.Serializer.Serialize(snapshot);
        var entry = new SnapshotEntry(PersistenceId, LastSequenceNr, Context.System.TimeProvider.GetUtcNow(), manifest, payload);
        var self = Self;
        _ = SaveSnapshotAsync(Persistence.SnapshotStore, entry, self);
    }

    /// <summary>Deletes (logically) events up to <paramref name="toSequenceNr"/>; the outcome is told to Self.</summary>
    protected void DeleteMessagesTo(long toSequenceNr)
    {
        var self = Self;
        _ = DeleteAsync(Persistence.Journal, PersistenceId, toSequenceNr, self);
    }

    private static async Task SaveSnapshotAsync(ISnapshotStore store, SnapshotEntry entry, IActorRef self)
    {
        try
        {
            await store.SaveAsync(entry).ConfigureAwait(false);
            self.Tell(new SaveSnapshotSuccess(entry.SequenceNr), self);
        }
        catch (Exception exception)
        {
            self.Tell(new SaveSnapshotFailure(entry.SequenceNr, exception), self);
        }
    }

    private static async Task DeleteAsync(IJournal journal, string persistenceId, long toSequenceNr, IActorRef self)
    {
        try
        {
            await journal.DeleteMessagesToAsync(persistenceId, toSequenceNr).ConfigureAwait(false);
            self.Tell(new DeleteMessagesSuccess(toSequenceNr), self);
        }
        catch (Exception exception)
        {
            self.Tell(new DeleteMessagesFailure(toSequenceNr, exception), self);
        }
    }
}
