using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime.Ask;

/// <summary>
/// A one-shot ref that completes a task with the first message told to it. Continuations run
/// asynchronously so the replying actor never executes the asker's code on its own thread.
/// </summary>
internal sealed class PromiseActorRef : IInternalActorRef
{
    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystem _system;
    private ActorPath? _path;

    public PromiseActorRef(ActorSystem system) => _system = system;

    public ActorPath Path => _path ??= _system.NewTempPath();

    public bool IsTerminated => _completion.Task.IsCompleted;

    public Task<object> Task => _completion.Task;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var accepted = message is Status.Failure failure
            ? _completion.TrySetException(failure.Cause)
            : _completion.TrySetResult(message);
        if (!accepted)
        {
            _system.DeadLetter(message, sender, this);
        }
    }

    /// <summary>The asked actor, for the timeout message.</summary>
    public IActorRef? Target { get; set; }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel() => _completion.TrySetCanceled();

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: IsTerminated));
        }
    }

    public override string ToString() => $"Promise[{Path}]";
}
