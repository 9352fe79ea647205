using JidoSessions.Runtime.Supervision;

namespace JidoSessions.Runtime;

/// <summary>
/// One actor's runtime state. The cell is at once its ref, its context, its mailbox and its thread-pool
/// work item, so an idle actor costs one object plus its instance (see README for the measured bytes).
/// </summary>
/// <remarks>
/// Lifecycle (one thread at a time; every move happens while processing a message):
/// <code>
///   Created ──first run──► Running ◄──────────────┐
///                            │  failure          │ Resume / fresh instance
///                            ▼                   │
///                        (suspended) ──Recreate──► Recreating (children stopping)
///                            │
///            Terminate / PoisonPill / Stop(Self)
///                            ▼
///                       Terminating (children stopping) ──last child gone──► Terminated
/// </code>
/// </remarks>
internal sealed partial class ActorCell : IInternalActorRef, IActorContext
{
    [ThreadStatic]
    private static ActorCell? _current;

    private readonly ActorSystem _system;
    private readonly ActorCell? _parent;
    private readonly string _name;
    private ActorPath? _path;
    private ActorBase? _actor;
    private CellState _state;
    private bool _suspended;
    private bool _awaitingTask;
    private int _incarnation;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private CellExtras? _extras;

    public ActorCell(ActorSystem system, ActorCell? parent, string name, Props props)
    {
        _system = system;
        _parent = parent;
        _name = name;
        Props = props;
        _throughput = props.Mailbox.Throughput ?? system.Settings.Throughput;
    }

    private enum CellState : byte
    {
        Created,
        Running,
        Recreating,
        Terminating,
        Terminated,
    }

    /// <summary>The cell whose message this thread is processing, if any.</summary>
    internal static ActorCell? Current => _current;

    public Props Props { get; }

    public ActorPath Path => _path ??= _parent is null ? ActorPath.Root(_system.Name) : _parent.Path.Child(_name);

    public string Name => _name;

    public bool IsTerminated => (Volatile.Read(ref _status) & StatusClosed) != 0;

    public IActorRef Self => this;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef Parent => (IActorRef?)_parent ?? _system.DeadLetters;

    public ActorSystem System => _system;

    public CancellationToken CancellationToken => Extras.IncarnationToken;

    internal ChildRestartStats RestartStats => Extras.RestartStats ??= new ChildRestartStats();

    private CellExtras Extras => _extras ??= new CellExtras();

    public override string ToString() => $"Actor[{Path}]";

    /// <summary>Runs the actor's factory and wires the instance to this cell.</summary>
    private ActorBase NewActor()
    {
        var actor = Props.Factory() ?? throw new InvalidOperationException($"The Props factory for {Path} returned null.");
        actor.Attach(this);
        _actor = actor;
        return actor;
    }

    private void Receive(object message)
    {
        var behaviours = _extras?.Behaviours;
        if (behaviours is { Count: > 0 })
        {
            behaviours[^1](message);
        }
        else
        {
            _actor!.Dispatch(message);
        }
    }
}
