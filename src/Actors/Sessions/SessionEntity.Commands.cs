using Akka.Actor;
using Akka.Persistence;
using JidoSessions.Actors.Agent;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Diagnostics;
using JidoSessions.Actors.Keys;
using JidoSessions.Client;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Sessions;

/// <summary>Requests, timers and child failures.</summary>
internal sealed partial class SessionEntity
{
    protected override void OnCommand(object message)
    {
        if (_opening && message is not Opened)
        {
            Stash.Stash();
            return;
        }

        switch (message)
        {
            case SessionEnvelope envelope:
                HandleRequest(envelope);
                break;
            case Opened opened:
                FinishOpening(opened);
                break;
            case ListingWritten:
                ListingWriteFinished();
                break;
            case TurnFinished finished:
                HandleTurnFinished(finished);
                break;
            case ContextReady ready:
                HandleContextReady(ready);
                break;
            case ForkPlanned planned:
                StartFork(planned);
                break;
            case ContextSeedStored stored:
                FinishFork(stored);
                break;
            case ContextRewound rewound:
                FinishRewind(rewound);
                break;
            case IdleCheck:
                HandleIdle();
                break;
            case TtlCheck:
                HandleTtlCheck();
                break;
            case Terminated terminated:
                HandleChildStopped(terminated.ActorRef);
                break;
            case StopSession when _turnsInFlight > 0:
                // A turn arrived after this session asked to passivate and before the shard's stop: finish it first
                // (the shard holds later messages until this incarnation stops, then starts a new one for them).
                _stopAfterTurns = true;
                break;
            case StopSession:
                Context.Stop(Self);
                break;
            case SaveSnapshotSuccess saved:
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                break;
            default:
                // Anything else (journal acknowledgements of snapshot deletes) needs no action.
                HandleTermination(message);
                break;
        }
    }

    private void HandleRequest(SessionEnvelope envelope)
    {
        if (envelope.Payload is ExpireIfIdle)
        {
            HandleExpireIfIdle(envelope);
            return;
        }

        // Reading a session's info (a status probe, a dashboard) is not using it: it does not hold off the idle timeout.
        if (envelope.Payload is not GetSessionInfo)
        {
            _lastRequestAt = Now;
        }

        if (_state is null)
        {
            HandleUnopened(envelope);
            return;
        }

        if (_state.Tenant != envelope.Tenant)
        {
            Sender.Tell(new FailureReply(new SessionNotFoundException(_id.ToString())), Self);
            return;
        }

        if (_state.Status is SessionStatus.Terminating or SessionStatus.Terminated)
        {
            HandleWhileEnding(envelope.Payload);
            return;
        }

        switch (envelope.Payload)
        {
            case JoinSession { Seed: not null } join:
                Sender.Tell(new FailureReply(ValidationException.For(
                    "key", $"already names session {_id}: end that session, or fork without a key or with another one ('{join.Key}' taken)")), Self);
                break;
            case OpenSession or JoinSession:
                Sender.Tell(new GetOrCreateResult(_state.ToInfo(), Created: false), Self);
                break;
            case ForkSession fork:
                if (EnsureServing("fork it"))
                {
                    ContextActor().Tell(new PlanFork(fork.AtSequence, fork.Key, Sender), Self);
                }

                break;
            case RewindSession rewind:
                HandleRewind(rewind);
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
            case GetHistory or GetHistoryAudit or AddFile or RemoveFile or ListFiles:
                if (EnsureServing("use its context"))
                {
                    ContextActor().Forward(envelope.Payload);
                }

                break;
            default:
                Unhandled(envelope.Payload);
                break;
        }
    }

    /// <summary>A fresh entity: open it, or say it does not exist (and stop, nothing to keep in memory).</summary>
    private void HandleUnopened(SessionEnvelope envelope)
    {
        switch (envelope.Payload)
        {
            case OpenSession open when !IsPurged:
                Open(open, Sender, envelope.Tenant);
                return;
            case JoinSession join when !IsPurged:
                // The key's assignment was journaled but the session never opened (a crash between the two).
                Open(new OpenSession(join.Key, join.Config ?? new SessionConfig(), AsGetOrCreate: join.Seed is null, join.Seed), Sender, envelope.Tenant);
                return;
            case JoinSession join:
                KeyRegions.Bounce(Context.System, envelope.Tenant, join.Key, _id, join, Sender);
                break;
            default:
                // Includes ending a session that already ended: 404, the outcome the caller wanted.
                Sender.Tell(new FailureReply(new SessionNotFoundException(_id.ToString())), Self);
                break;
        }

        Passivate();
    }

    /// <summary>Answers the sender with a typed failure unless the session can serve requests.</summary>
    private bool EnsureServing(string attempted)
    {
        SessionException? failure = _state!.Status switch
        {
            SessionStatus.Failed => new SessionFailedException(_id, "its context or agent kept failing"),
            _ when !_serving || _contextStopped || _agentStopped => new InvalidTransitionException(_id, _state.Status, attempted),
            _ => null,
        };
        if (failure is null)
        {
            return true;
        }

        Sender.Tell(new FailureReply(failure), Self);
        return false;
    }

    private void HandleSend(SendMessage send)
    {
        var max = _services.Options.MaxMessageChars;
        if (send.ToolResults is { } results)
        {
            var problem = ToolRules.Problem(results)
                ?? (results.Sum(r => (long)r.Content.Length) > max ? $"must hold at most {max} characters of content in all" : null);
            if (problem is not null)
            {
                Sender.Tell(new FailureReply(ValidationException.For("toolResults", problem)), Self);
                return;
            }
        }
        else if (string.IsNullOrWhiteSpace(send.Text) || send.Text.Length > max)
        {
            Sender.Tell(new FailureReply(ValidationException.For("message", $"must be 1-{max} characters and not blank")), Self);
            return;
        }

        if (!EnsureServing("send a message"))
        {
            return;
        }

        _turnsInFlight++;
        if (_state!.Status == SessionStatus.Idle)
        {
            MoveStatus(SessionStatus.Active, "message received");
        }

        Agent().Forward(new RunTurn(send.Text, send.StreamTo, _resolved!, send.Options, send.ToolResults));
    }

    private void HandleSetConfig(SetSessionConfig set)
    {
        if (!EnsureServing("change its config"))
        {
            return;
        }

        var merged = _state!.Config.Merge(set.Patch);
        try
        {
            merged.Validate();
        }
        catch (ValidationException exception)
        {
            Sender.Tell(new FailureReply(exception), Self);
            return;
        }

        var replyTo = Sender;
        var before = _state.Config;
        Persist(new SessionConfigChanged(merged, Now), e =>
        {
            _state = _state.Apply(e);
            if (!ReferenceEquals(before, merged) && !_contextStopped)
            {
                ContextActor().Tell(new NoteConfigChange(before), Self);
            }

            _resolved = ResolvedConfig.Resolve(_state.Config, _services.Options.Defaults);
            _context?.Tell(new ContextLimits(_resolved.MaxHistory, _resolved.MaxFiles), Self);
            SnapshotIfDue();
            var info = _state.ToInfo();
            WriteDirectoryAsync().PipeTo(replyTo, Self, () => info, FailureReply.Of);
        });
    }

    private void HandleTurnFinished(TurnFinished finished)
    {
        _turnsInFlight = Math.Max(0, _turnsInFlight - 1);
        if (finished.MessageCount is { } count && _state is not null)
        {
            _state = _state with { MessageCount = count, LastActiveAt = finished.At };
            RefreshListing();
        }

        if (_stopAfterTurns && _turnsInFlight == 0)
        {
            // The listing write started above completes on its own; the shard restarts this session for what it holds.
            Context.Stop(Self);
        }
    }

    private void HandleContextReady(ContextReady ready)
    {
        if (_state is not null)
        {
            _state = _state with
            {
                MessageCount = ready.MessageCount,
                LastActiveAt = ready.LastMessageAt is { } at && at > _state.LastActiveAt ? at : _state.LastActiveAt,
            };

            // Only now is the last activity known (a woken session's state has only its own events): time the TTL
            // from it, and end at once a session whose time ran out while it was passivated.
            _contextReported = true;
            if (_services.Options.Ttl is { } ttl && SessionTransitions.IsLive(_state.Status))
            {
                var left = ttl - (Now - _state.LastActiveAt);
                if (left <= TimeSpan.Zero)
                {
                    HandleTtlCheck();
                }
                else
                {
                    ScheduleTtlCheck(left);
                }
            }
        }
    }

    private void HandleIdle()
    {
        if (_state?.Status is not (SessionStatus.Active or SessionStatus.Idle))
        {
            return;
        }

        var quietFor = Now - _lastRequestAt;
        var idleAfter = _services.Options.IdleTimeout;
        if (_turnsInFlight > 0 || quietFor < idleAfter)
        {
            ScheduleIdleCheck(quietFor < idleAfter ? idleAfter - quietFor : idleAfter);
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
        if (_services.Options.PassivateIdleSessions && _turnsInFlight == 0)
        {
            Passivate();
        }
    }

    /// <summary>The sweeper's nudge: decide now if the context has reported its last activity, else when it does.</summary>
    private void HandleExpireIfIdle(SessionEnvelope envelope)
    {
        if (_state is null)
        {
            // Not a session: a listing row left by a crash between writing it and the session's first events.
            _ = _services.Directory.RemoveAsync(envelope.Tenant.Value, _id.ToString());
            Passivate();
            return;
        }

        if (_state.Tenant == envelope.Tenant && _contextReported)
        {
            HandleTtlCheck();
        }
    }

    private void HandleTtlCheck()
    {
        if (_services.Options.Ttl is not { } ttl || _state is null || !SessionTransitions.IsLive(_state.Status))
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
            _contextStopped = true;
        }
        else if (child.Equals(_agent))
        {
            _agent = null;
            _agentStopped = true;
        }
        else
        {
            ChildOfTerminationStopped(child);
            return;
        }

        if (_context is null && _agent is null && _serving)
        {
            _serving = false;
            SessionMetrics.LiveSessions.Add(-1);
        }

        if (_state!.Status == SessionStatus.Terminating)
        {
            ContinueTermination();
            return;
        }

        if (!SessionTransitions.IsLive(_state.Status))
        {
            return;
        }

        // A child's backoff supervisor stops only when the child exceeded its restarts: the session has failed.
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
