using JidoSessions.Actors.Agent;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Diagnostics;
using JidoSessions.Actors.Sharding;
using JidoSessions.Client;
using JidoSessions.Persistence.Actors;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Sessions;

/// <summary>Requests, timers and child failures.</summary>
internal sealed partial class SessionSupervisor
{
    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case ReplyInfoAs reply:
                Sender.Tell(new GetOrCreateResult(_state.ToInfo(), reply.Created), Self);
                break;
            case GetSessionInfo:
                Sender.Tell(_state.ToInfo(), Self);
                break;
            case SendMessage send:
                HandleSend(send);
                break;
            case CancelTurn:
                if (_agent is null)
                {
                    Sender.Tell(false, Self);
                }
                else
                {
                    _agent.Forward(CancelRunningTurn.Instance);
                }

                break;
            case SetSessionConfig set:
                HandleSetConfig(set);
                break;
            case TerminateSession terminate:
                BeginTermination(terminate.Reason, Sender);
                break;
            case GetHistory or AddFile or RemoveFile or ListFiles:
                if (EnsureServing("use its context"))
                {
                    _context!.Forward(message);
                }

                break;
            case TurnFinished finished:
                HandleTurnFinished(finished);
                break;
            case ReceiveTimeout:
                HandleIdle();
                break;
            case TtlCheck:
                HandleTtlCheck();
                break;
            case Terminated terminated:
                HandleChildStopped(terminated.ActorRef);
                break;
            case SaveSnapshotSuccess or SaveSnapshotFailure or DeleteMessagesSuccess or DeleteMessagesFailure:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>Answers the sender with a typed failure unless the session can serve requests.</summary>
    private bool EnsureServing(string attempted)
    {
        Exception? failure = _state.Status switch
        {
            SessionStatus.Failed => new SessionFailedException(Id, "its context or agent kept failing"),
            SessionStatus.Terminating or SessionStatus.Terminated => new InvalidTransitionException(Id, _state.Status, attempted),
            _ when _agent is null || _context is null => new InvalidTransitionException(Id, _state.Status, attempted),
            _ => null,
        };
        if (failure is null)
        {
            return true;
        }

        Sender.Tell(new Status.Failure(failure), Self);
        return false;
    }

    private void HandleSend(SendMessage send)
    {
        if (string.IsNullOrWhiteSpace(send.Text) || send.Text.Length > runtime.Options.MaxMessageChars)
        {
            Sender.Tell(new Status.Failure(ValidationException.For("message", $"must be 1-{runtime.Options.MaxMessageChars} characters and not blank")), Self);
            return;
        }

        if (!EnsureServing("send a message"))
        {
            return;
        }

        _turnsInFlight++;
        if (_state.Status == SessionStatus.Idle)
        {
            MoveStatus(SessionStatus.Active, "message received");
        }

        _agent!.Forward(new RunTurn(send.Text, send.StreamTo, _resolved!));
    }

    private void HandleSetConfig(SetSessionConfig set)
    {
        if (!EnsureServing("change its config"))
        {
            return;
        }

        var merged = _state.Config.Merge(set.Patch);
        try
        {
            merged.Validate();
        }
        catch (ValidationException exception)
        {
            Sender.Tell(new Status.Failure(exception), Self);
            return;
        }

        var replyTo = Sender;
        Persist(new SessionConfigChanged(merged, Now), e =>
        {
            _state = _state.Apply(e);
            _resolved = ResolvedConfig.Resolve(_state.Config, runtime.Options.Defaults);
            _context?.Tell(new ContextLimits(_resolved.MaxHistory, _resolved.MaxFiles), Self);
            replyTo.Tell(_state.ToInfo(), Self);
            ReportSummary();
        });
    }

    private void HandleTurnFinished(TurnFinished finished)
    {
        _turnsInFlight = Math.Max(0, _turnsInFlight - 1);
        if (finished.MessageCount is { } count)
        {
            _state = _state with { MessageCount = count, LastActiveAt = finished.At };
            ReportSummary();
        }
    }

    private void HandleIdle()
    {
        if (_turnsInFlight > 0 || _state.Status is not (SessionStatus.Active or SessionStatus.Idle))
        {
            return;
        }

        if (_state.Status == SessionStatus.Active)
        {
            MoveStatus(SessionStatus.Idle, "idle timeout", PassivateIfConfigured);
            return;
        }

        PassivateIfConfigured();
    }

    private void PassivateIfConfigured()
    {
        if (runtime.Options.PassivateIdleSessions && _turnsInFlight == 0)
        {
            Context.Parent.Tell(new Passivate(Id), Self);
        }
    }

    private void HandleTtlCheck()
    {
        if (runtime.Options.Ttl is not { } ttl || !SessionTransitions.IsLive(_state.Status))
        {
            return;
        }

        var idleFor = Now - _state.LastActiveAt;
        if (idleFor < ttl || _turnsInFlight > 0)
        {
            ScheduleTtlCheck(idleFor < ttl ? ttl - idleFor : ttl);
            return;
        }

        BeginTermination(TerminationReason.Expired, null);
    }

    private void HandleChildStopped(IActorRef child)
    {
        if (child.Equals(_context))
        {
            _context = null;
        }
        else if (child.Equals(_agent))
        {
            _agent = null;
        }

        if (_state.Status == SessionStatus.Terminating)
        {
            ContinueTermination();
            return;
        }

        if (!SessionTransitions.IsLive(_state.Status))
        {
            return;
        }

        // A child only stops on its own when it exceeded its restarts: the session has failed.
        SessionMetrics.SessionFailures.Add(1);
        MoveStatus(SessionStatus.Failed, $"{child.Path.Name} kept failing", StopChildren);
    }

    private void StopChildren()
    {
        foreach (var child in new[] { _context, _agent })
        {
            if (child is not null)
            {
                Context.Stop(child);
            }
        }
    }
}
