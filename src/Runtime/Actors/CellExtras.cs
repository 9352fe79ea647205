using JidoSessions.Runtime.Mailbox;
using JidoSessions.Runtime.Supervision;

namespace JidoSessions.Runtime;

/// <summary>
/// The parts of a cell that most actors never use, allocated on first use so an idle actor stays small.
/// </summary>
internal sealed class CellExtras
{
    private CancellationTokenSource? _incarnation;

    public List<UntypedReceive>? Behaviours;
    public List<Envelope>? Stash;
    public Queue<Envelope>? Unstashed;
    public HashSet<IActorRef>? Watching;
    public HashSet<IInternalActorRef>? WatchedBy;
    public HashSet<IActorRef>? TerminatedQueued;
    public HashSet<ActorCell>? StoppingChildren;
    public ChildRestartStats? RestartStats;
    public Exception? RecreateCause;
    public object? FailedMessage;
    public IActorRef? FailedSender;
    public Exception? FailureCause;
    public TimeSpan? ReceiveTimeout;
    public ITimer? ReceiveTimeoutTimer;
    public long LastActivity;
    public ActorSynchronizationContext? SynchronizationContext;

    public CancellationToken IncarnationToken => (_incarnation ??= new CancellationTokenSource()).Token;

    /// <summary>Cancels the current incarnation's token; the next incarnation gets a fresh one.</summary>
    public void EndIncarnation()
    {
        var source = _incarnation;
        _incarnation = null;
        if (source is null)
        {
            return;
        }

        try
        {
            source.Cancel();
        }
        finally
        {
            source.Dispose();
        }
    }
}
