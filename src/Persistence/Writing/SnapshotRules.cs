using JidoSessions.Persistence.Snapshots;

namespace JidoSessions.Persistence.Writing;

/// <summary>Argument checks of <see cref="ISnapshotStore.SaveAsync"/>, shared by both stores.</summary>
internal static class SnapshotRules
{
    public static void Validate(SnapshotEntry snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.PersistenceId, nameof(snapshot));
        ArgumentOutOfRangeException.ThrowIfNegative(snapshot.SequenceNr, nameof(snapshot));
        ArgumentNullException.ThrowIfNull(snapshot.Manifest, nameof(snapshot));
        ArgumentNullException.ThrowIfNull(snapshot.Payload, nameof(snapshot));
    }
}
