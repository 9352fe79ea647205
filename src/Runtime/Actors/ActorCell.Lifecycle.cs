using JidoSessions.Runtime.Logging;
using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>Creating, invoking, restarting and stopping the actor instance.</summary>
internal sealed partial class ActorCell
{
    private void Create()
    {
        _state = CellState.Running;
        try
        {
            NewActor().AroundPreStart();
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(new ActorInitializationException(this, $"{Path}: the actor failed to start", exception));
        }
    }

    private void Invoke(Envelope envelope)
    {
        var message = envelope.Message;
        _currentMessage = message;
        _currentSender = envelope.Sender;
        try
        {
            switch (message)
            {
                case PoisonPill:
                    BeginTerminate();
                    break;
                case Kill:
                    throw new ActorKilledException($"{Path} received Kill");
                case Terminated terminated when !TakeQueuedTerminated(terminated.ActorRef):
                    break;
                case ReceiveTimeoutTick:
                    HandleReceiveTimeoutTick();
                    break;
                default:
                    Receive(message);
                    break;
            }

            if (_extras?.ReceiveTimeout is not null && message is not INotInfluenceReceiveTimeout)
            {
                _extras.LastActivity = _system.TimeProvider.GetTimestamp();
            }
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            // An async handler keeps its message and sender until its task completes.
            if (!_awaitingTask)
            {
                _currentMessage = null;
                _currentSender = null;
            }
        }
    }

    /// <summary>Starts stopping: children first, then PostStop, then watchers and parent are told.</summary>
    private void BeginTerminate()
    {
        if (_state >= CellState.Terminating)
        {
            return;
        }

        _state = CellState.Terminating;
        CancelReceiveTimeout();
        if (!StopAllChildren())
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        _actor = null;
        try
        {
            actor?.AroundPostStop();
        }
        catch (Exception exception)
        {
            RuntimeLog.HookFailed(_system.Logger, exception, "PostStop", Path.ToString());
        }

        FailPendingAsk();
        EndIncarnation();
        _state = CellState.Terminated;
        _awaitingTask = false;
        _currentMessage = null;
        _currentSender = null;
        TellWatchersWeDied();
        UnwatchWatchedActors();
        CloseMailbox();
        if (_parent is not null)
        {
            _parent.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
        }
        else
        {
            _system.OnRootTerminated();
        }

        _extras = null;
    }

    private void HandleRecreate(Exception cause)
    {
        if (_state >= CellState.Terminating)
        {
            return;
        }

        var failed = _actor;
        _actor = null;
        if (failed is not null)
        {
            // As in Akka, Sender inside PreRestart is the sender of the message that failed.
            _currentSender = _extras?.FailedSender;
            try
            {
                failed.AroundPreRestart(cause, _extras?.FailedMessage);
            }
            catch (Exception exception)
            {
                RuntimeLog.HookFailed(_system.Logger, exception, "PreRestart", Path.ToString());
            }
        }

        FailPendingAsk();
        EndIncarnation();
        CancelReceiveTimeout();
        _awaitingTask = false;
        _currentMessage = null;
        _currentSender = null;
        if (_extras is { } extras)
        {
            extras.Behaviours = null;
            extras.FailedMessage = null;
            extras.FailedSender = null;
            extras.FailureCause = null;
            UnstashAll();
        }

        if (_extras?.StoppingChildren is { Count: > 0 })
        {
            _state = CellState.Recreating;
            Extras.RecreateCause = cause;
            return;
        }

        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        _state = CellState.Running;
        _suspended = false;
        _incarnation++;
        if (_extras is { } extras)
        {
            extras.RecreateCause = null;
        }

        try
        {
            NewActor().AroundPostRestart(cause);
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(new ActorInitializationException(this, $"{Path}: the actor failed to restart", exception));
        }
    }

    private void HandleResume()
    {
        if (!_suspended || _state != CellState.Running)
        {
            return;
        }

        _suspended = false;

        // Children suspended by a failure this actor escalated continue too.
        foreach (var child in ChildCells())
        {
            child.SendSystemMessage(new Resume());
        }
    }

    /// <summary>An Ask whose request made this actor fail gets no reply from it: fail it now rather than let it time out.</summary>
    private void FailPendingAsk()
    {
        if (_extras is { FailedSender: Ask.PromiseActorRef promise, FailedMessage: { } message })
        {
            promise.Fail(new AskFailedException($"{Path} failed while handling {message.GetType().Name}.", _extras.FailureCause!));
        }
    }

    private void EndIncarnation()
    {
        try
        {
            _extras?.EndIncarnation();
        }
        catch (AggregateException exception)
        {
            RuntimeLog.HookFailed(_system.Logger, exception, "CancellationToken callbacks", Path.ToString());
        }
    }
}
