using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Serialization;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Runtime;

namespace JidoSessions.Persistence.Actors;

/// <summary>
/// The journal, snapshot store and serializer that persistent actors of one <see cref="ActorSystem"/>
/// use, plus the cap on concurrent recoveries. Register it once before starting persistent actors.
/// </summary>
public sealed class PersistenceExtension
{
    /// <summary>Creates the extension.</summary>
    public PersistenceExtension(IJournal journal, ISnapshotStore snapshotStore, EventSerializer serializer, int maxConcurrentRecoveries = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentRecoveries, 1);
        Journal = journal ?? throw new ArgumentNullException(nameof(journal));
        SnapshotStore = snapshotStore ?? throw new ArgumentNullException(nameof(snapshotStore));
        Serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        RecoveryPermits = new SemaphoreSlim(maxConcurrentRecoveries, maxConcurrentRecoveries);
    }

    /// <summary>Where events go.</summary>
    public IJournal Journal { get; }

    /// <summary>Where snapshots go.</summary>
    public ISnapshotStore SnapshotStore { get; }

    /// <summary>Event and snapshot (de)serialization with explicit manifests.</summary>
    public EventSerializer Serializer { get; }

    /// <summary>Bounds how many actors replay their journal at once.</summary>
    internal SemaphoreSlim RecoveryPermits { get; }

    /// <summary>Registers <paramref name="extension"/> with <paramref name="system"/>.</summary>
    public static PersistenceExtension Register(ActorSystem system, PersistenceExtension extension)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.RegisterExtension(extension);
    }

    /// <summary>The extension of <paramref name="system"/>; throws if none was registered.</summary>
    public static PersistenceExtension Get(ActorSystem system) =>
        system.GetExtension<PersistenceExtension>()
        ?? throw new InvalidOperationException("No PersistenceExtension is registered with this ActorSystem; call PersistenceExtension.Register first.");
}
