using JidoSessions.Persistence.Directory;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;

namespace JidoSessions.Persistence.Writing;

/// <summary>A change the single writer applies inside a group-commit transaction.</summary>
internal abstract record WriteOperation;

/// <summary>Appends contiguous <paramref name="Events"/> (already checked for contiguity) to one persistence id.</summary>
internal sealed record AppendOperation(string PersistenceId, IReadOnlyList<EventToWrite> Events) : WriteOperation
{
    public long FirstSequenceNr => Events[0].SequenceNr;

    public long LastSequenceNr => Events[^1].SequenceNr;
}

internal sealed record DeleteMessagesOperation(string PersistenceId, long ToSequenceNr) : WriteOperation;

internal sealed record SaveSnapshotOperation(SnapshotEntry Snapshot) : WriteOperation;

internal sealed record DeleteSnapshotsOperation(string PersistenceId, long MaxSequenceNr) : WriteOperation;

/// <summary>Inserts or replaces a listing row (SQLite: the listing lives in the journal's file and commits with it).</summary>
internal sealed record UpsertDirectoryOperation(DirectoryEntry Entry) : WriteOperation;

/// <summary>Deletes a listing row physically.</summary>
internal sealed record RemoveDirectoryOperation(string Tenant, string SessionId) : WriteOperation;
