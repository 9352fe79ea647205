using JidoSessions.Runtime;

namespace JidoSessions.Bench.Runtime;

internal sealed record StartPing(IActorRef Partner, long RoundTrips, int InFlight, TaskCompletionSource Done);

internal sealed class Ball
{
    public static readonly Ball Instance = new();
}

/// <summary>Keeps <c>InFlight</c> balls in the air until <c>RoundTrips</c> came back.</summary>
internal sealed class Pinger : UntypedActor
{
    private IActorRef? _partner;
    private long _toSend;
    private long _toReceive;
    private TaskCompletionSource? _done;

    protected override void OnReceive(object message)
    {
        if (message is Ball)
        {
            if (_toSend > 0)
            {
                _toSend--;
                _partner!.Tell(Ball.Instance, Self);
            }

            if (--_toReceive == 0)
            {
                _done!.SetResult();
            }

            return;
        }

        var start = (StartPing)message;
        _partner = start.Partner;
        _toSend = start.RoundTrips;
        _toReceive = start.RoundTrips;
        _done = start.Done;
        for (var i = 0; i < start.InFlight; i++)
        {
            _toSend--;
            _partner.Tell(Ball.Instance, Self);
        }
    }
}

/// <summary>Sends every ball back.</summary>
internal sealed class Ponger : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}

/// <summary>Counts to a target, then completes.</summary>
internal sealed class Counter(long target, TaskCompletionSource done) : UntypedActor
{
    private long _count;

    protected override void OnReceive(object message)
    {
        if (++_count == target)
        {
            done.SetResult();
        }
    }
}

/// <summary>Signals when a given number of its kind have started.</summary>
internal sealed class IdleChild(StartCounter counter) : UntypedActor
{
    protected override void PreStart() => counter.Started();

    protected override void OnReceive(object message)
    {
    }
}

internal sealed class StartCounter(int target)
{
    private int _started;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Started()
    {
        if (Interlocked.Increment(ref _started) == target)
        {
            Done.SetResult();
        }
    }
}

internal sealed record SpawnChildren(int Count, Props Props);

/// <summary>Spawns children on request.</summary>
internal sealed class SpawningParent : UntypedActor
{
    protected override void OnReceive(object message)
    {
        var spawn = (SpawnChildren)message;
        for (var i = 0; i < spawn.Count; i++)
        {
            Context.ActorOf(spawn.Props);
        }
    }
}

/// <summary>Completes when the watched actor stops.</summary>
internal sealed class StopWatcher(IActorRef subject, TaskCompletionSource done) : UntypedActor
{
    protected override void PreStart() => Context.Watch(subject);

    protected override void OnReceive(object message)
    {
        if (message is Terminated)
        {
            done.SetResult();
        }
    }
}

/// <summary>Replies with what it got.</summary>
internal sealed class Echo : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
