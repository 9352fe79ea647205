using JidoSessions.Persistence.Actors;
using JidoSessions.Persistence.Serialization;
using JidoSessions.Runtime;

namespace JidoSessions.Persistence.Tests.Actors;

internal sealed record Added(int Amount);

internal sealed record CounterSnapshot(int Total, int Events);

/// <summary>A persistent counter: "add N" persists Added(N); "get" answers the total; "async N" uses PersistAsync.</summary>
internal sealed class CounterActor(string id, IActorRef reporter, int snapshotEvery = int.MaxValue) : PersistentActor
{
    private int _total;
    private int _events;

    public static EventSerializer Serializer { get; } = new EventSerializerBuilder()
        .Add<Added>("test.added.v1")
        .Add<CounterSnapshot>("test.counter-snapshot.v1")
        .Build();

    public override string PersistenceId => id;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: CounterSnapshot snapshot }:
                reporter.Tell($"snapshot:{snapshot.Total}", Self);
                (_total, _events) = (snapshot.Total, snapshot.Events);
                break;
            case Added added:
                reporter.Tell($"replay:{added.Amount}", Self);
                Apply(added);
                break;
        }
    }

    protected override void OnRecoveryCompleted() => reporter.Tell($"recovered:{_total}@{LastSequenceNr}", Self);

    protected override void OnRecoveryFailure(Exception cause)
    {
        reporter.Tell($"recovery-failed:{cause.GetType().Name}", Self);
        base.OnRecoveryFailure(cause);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        reporter.Tell($"persist-failed:{sequenceNr}", Self);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case ("add", int amount):
                var replyTo = Sender;
                Persist(new Added(amount), e =>
                {
                    Apply(e);
                    replyTo.Tell($"added:{_total}", Self);
                });
                break;
            case ("async", int amount):
                var asker = Sender;
                PersistAsync(new Added(amount), e =>
                {
                    Apply(e);
                    asker.Tell($"async-added:{e.Amount}", Self);
                });
                break;
            case "get":
                Sender.Tell(_total, Self);
                break;
            case ("delete-to", long sequenceNr):
                DeleteMessagesTo(sequenceNr);
                break;
            case SaveSnapshotSuccess or DeleteMessagesSuccess:
                reporter.Tell(message, Self);
                break;
        }
    }

    private void Apply(Added added)
    {
        _total += added.Amount;
        if (++_events % snapshotEvery == 0)
        {
            SaveSnapshot(new CounterSnapshot(_total, _events));
        }
    }
}
