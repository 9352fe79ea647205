using Akka.Actor;
using Akka.Persistence;
using JidoSessions.Actors.Sessions;

namespace JidoSessions.Actors.Persistence;

/// <summary>
/// Purges one persistence id for good, from outside the actor that wrote it (which must have stopped): recovers
/// only the highest sequence number (no replay), deletes every snapshot, journals a data-free
/// <see cref="JournalPurged"/> marker (a journal that keeps the highest row of a deleted stream keeps that one),
/// deletes every event, tells its parent <see cref="Purged"/> and stops. On any failure it just stops.
/// </summary>
internal sealed class JournalPurger : UntypedPersistentActor
{
    private readonly TimeProvider _time;

    public JournalPurger(string persistenceId, TimeProvider time)
    {
        PersistenceId = persistenceId;
        _time = time;
    }

    public override string PersistenceId { get; }

    public override Recovery Recovery => Recovery.None;

    public static Props Props(string persistenceId, TimeProvider time) =>
        Akka.Actor.Props.Create<JournalPurger>(persistenceId, time);

    protected override void OnRecover(object message)
    {
        if (message is RecoveryCompleted)
        {
            DeleteSnapshots(SnapshotSelectionCriteria.Latest);
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case DeleteSnapshotsSuccess:
                Persist(JournalPurged.Now(_time), _ => DeleteMessages(LastSequenceNr));
                break;
            case DeleteMessagesSuccess:
                Context.Parent.Tell(new Purged(PersistenceId));
                Context.Stop(Self);
                break;
            case DeleteSnapshotsFailure or DeleteMessagesFailure:
                Context.Stop(Self);
                break;
        }
    }

    /// <summary>Every event and snapshot of <see cref="PersistenceId"/> is gone.</summary>
    internal sealed record Purged(string PersistenceId);
}
