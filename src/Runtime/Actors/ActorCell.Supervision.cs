using JidoSessions.Runtime.Logging;
using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>Failing (as a child) and deciding (as a supervisor).</summary>
internal sealed partial class ActorCell
{
    /// <summary>Suspends this actor and asks the supervisor what to do.</summary>
    private void HandleInvokeFailure(Exception cause)
    {
        _awaitingTask = false;
        if (_state >= CellState.Terminating)
        {
            RuntimeLog.FailureWhileStopping(_system.Logger, cause, Path.ToString());
            return;
        }

        _suspended = true;
        if (_currentMessage is not null)
        {
            Extras.FailedMessage = _currentMessage;
            Extras.FailedSender = _currentSender;
            Extras.FailureCause = cause;
        }

        if (_parent is null)
        {
            RuntimeLog.ActorFailed(_system.Logger, cause, Path.ToString(), Directive.Stop);
            BeginTerminate();
            return;
        }

        _parent.SendSystemMessage(new Failed(this, cause, _incarnation));
    }

    private void HandleChildFailed(Failed failed)
    {
        var child = failed.Child;
        if (child._parent != this || Child(child._name) != child || _extras?.StoppingChildren?.Contains(child) == true)
        {
            return;
        }

        var isGuardian = _parent is null || _system.IsGuardian(this);
        var strategy = isGuardian
            ? _system.Settings.GuardianSupervisorStrategy
            : Props.SupervisorStrategy ?? _actor?.StrategyForChildren() ?? SupervisorStrategy.DefaultStrategy;

        Directive directive;
        try
        {
            directive = strategy.Decider(failed.Cause);
        }
        catch (Exception deciderFailure)
        {
            RuntimeLog.HookFailed(_system.Logger, deciderFailure, "SupervisorStrategy.Decider", Path.ToString());
            directive = Directive.Escalate;
        }

        if (directive == Directive.Escalate && isGuardian)
        {
            // Nothing above a guardian may fail: a failure that reaches one stops the top-level actor.
            directive = Directive.Stop;
        }

        RuntimeLog.ActorFailed(_system.Logger, failed.Cause, child.Path.ToString(), directive);
        if (directive == Directive.Escalate)
        {
            HandleInvokeFailure(failed.Cause);
            return;
        }

        strategy.HandleFailure(this, child, failed.Cause, directive);
    }

    internal void ResumeChild(ActorCell child) => child.SendSystemMessage(new Resume());

    internal void RestartChild(ActorCell child, Exception cause, TimeSpan? delay)
    {
        if (delay is not { } wait || wait <= TimeSpan.Zero)
        {
            child.SendSystemMessage(new Recreate(cause));
            return;
        }

        _system.Scheduler.ScheduleOnce(wait, () => child.SendSystemMessage(new Recreate(cause)));
    }

    internal void StopChildAfterFailure(ActorCell child, Exception cause, int restarts)
    {
        RuntimeLog.StoppingFailedChild(_system.Logger, child.Path.ToString(), restarts, cause.GetType().Name);
        StopChild(child);
    }
}
