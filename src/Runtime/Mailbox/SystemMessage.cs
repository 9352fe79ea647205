
namespace JidoSessions.Runtime.Mailbox;

/// <summary>
/// Messages the runtime sends to a cell about its lifecycle. They form an intrusive linked list
/// (<see cref="Next"/>), so queueing one costs a single CAS and no node allocation.
/// </summary>
internal abstract class SystemMessage
{
    public SystemMessage? Next;
}

/// <summary>Stop the actor (its children first).</summary>
internal sealed class Terminate : SystemMessage;

/// <summary>Continue after a failure; the actor keeps its state.</summary>
internal sealed class Resume : SystemMessage;

/// <summary>Replace the failed actor instance with a fresh one from its Props.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>A child failed and waits for its supervisor's directive.</summary>
internal sealed class Failed(ActorCell child, Exception cause, int incarnation) : SystemMessage
{
    public ActorCell Child { get; } = child;

    public Exception Cause { get; } = cause;

    public int Incarnation { get; } = incarnation;
}

/// <summary><see cref="Watcher"/> wants a notification when <see cref="Watchee"/> stops.</summary>
internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Cancels an earlier <see cref="Watch"/>.</summary>
internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>A watched actor (or a child) has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed) : SystemMessage
{
    public IActorRef Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}

/// <summary>A continuation of an async handler, run inside the actor (see <c>RunTask</c>).</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;

    public object? State { get; } = state;
}

/// <summary>The task started by an async handler has finished; user messages may flow again.</summary>
internal sealed class AsyncHandlerCompleted(Task task, int incarnation) : SystemMessage
{
    public Task Task { get; } = task;

    public int Incarnation { get; } = incarnation;
}

/// <summary>Marks a closed system queue: pushes after termination fail.</summary>
internal sealed class ClosedQueueMarker : SystemMessage
{
    public static readonly ClosedQueueMarker Instance = new();
}
