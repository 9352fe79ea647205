using Akka.Actor;
using Akka.Persistence;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Persistence;
using JidoSessions.Client;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Sessions;

/// <summary>
/// Ending a session: Terminating is journaled and announced, the children stop, the key is released, the context's
/// journal is purged, the listing row is removed, and finally the session's own journal and snapshots are purged;
/// then Terminated is announced and every caller who asked to end it is answered. Each step is idempotent: a crash
/// part-way leaves the session Terminating, and recovery (or the next request to end it) picks up from the start.
/// </summary>
internal sealed partial class SessionEntity
{
    private readonly List<IActorRef> _terminationWaiters = [];
    private TerminationReason _terminationReason;
    private TerminationStep _step = TerminationStep.None;

    private enum TerminationStep
    {
        None,
        StoppingChildren,
        ReleasingKey,
        PurgingContext,
        RemovingListing,
        PurgingSnapshots,
        PurgingSelf,
        Done,
    }

    private void BeginTermination(TerminationReason reason, IActorRef? replyTo)
    {
        if (replyTo is not null)
        {
            _terminationWaiters.Add(replyTo);
        }

        _terminationReason = reason;
        _ttlTimer?.Dispose();
        _idleTimer?.Dispose();
        var moved = new SessionStatusMoved(_state!.Status, SessionTransitions.Move(_id, _state.Status, SessionStatus.Terminating), reason.ToString(), Now);
        Persist(moved, e =>
        {
            _state = _state.Apply(e);
            PublishStatus(e);
            StopChildren();
            ContinueTermination();
        });
    }

    private void HandleWhileEnding(object payload)
    {
        switch (payload)
        {
            case TerminateSession when _step == TerminationStep.Done:
                Sender.Tell(new Status.Success(null), Self);
                break;
            case TerminateSession:
                _terminationWaiters.Add(Sender);
                if (_step == TerminationStep.None)
                {
                    ContinueTermination();
                }

                break;
            case JoinSession join:
                KeyRegions.Bounce(Context.System, _state!.Tenant, join.Key, _id, join, Sender);
                break;
            case GetSessionInfo when _step != TerminationStep.Done:
                Sender.Tell(_state!.ToInfo(), Self);
                break;
            case GetSessionInfo or OpenSession:
                Sender.Tell(new FailureReply(new SessionNotFoundException(_id.ToString())), Self);
                break;
            default:
                Sender.Tell(new FailureReply(_step == TerminationStep.Done
                    ? new SessionNotFoundException(_id.ToString())
                    : new InvalidTransitionException(_id, _state!.Status, "use it while it is ending")), Self);
                break;
        }
    }

    /// <summary>Runs the next step of ending the session.</summary>
    private void ContinueTermination()
    {
        if (_context is not null || _agent is not null)
        {
            _step = TerminationStep.StoppingChildren;
            return;
        }

        if (_state!.Key is { } key)
        {
            _step = TerminationStep.ReleasingKey;
            KeyRegions.Release(Context.System, _state.Tenant, key, _id, Self);
            return;
        }

        PurgeContext();
    }

    private void PurgeContext()
    {
        _step = TerminationStep.PurgingContext;
        Context.Watch(Context.ActorOf(JournalPurger.Props(ContextManagerNames.PersistenceIdOf(_id), _services.Time), "purge-context"));
    }

    /// <summary>The termination's own messages; false when <paramref name="message"/> is not one.</summary>
    private bool HandleTermination(object message)
    {
        switch (message)
        {
            case KeyReleaseAck ack when ack.Id == _id && _step == TerminationStep.ReleasingKey:
                PurgeContext();
                return true;
            case JournalPurger.Purged when _step == TerminationStep.PurgingContext:
                _step = TerminationStep.RemovingListing;
                _services.Directory.RemoveAsync(_state!.Tenant.Value, _id.ToString())
                    .PipeTo(Self, Self, () => ListingRemoved.Instance, ex => new TerminationFailed("removing its listing row", ex));
                return true;
            case ListingRemoved when _step == TerminationStep.RemovingListing:
                // Snapshots first: a snapshot left behind would bring the session back on its next activation.
                _step = TerminationStep.PurgingSnapshots;
                DeleteSnapshots(SnapshotSelectionCriteria.Latest);
                return true;
            case DeleteSnapshotsSuccess deleted when _step == TerminationStep.PurgingSnapshots && deleted.Criteria.Equals(SnapshotSelectionCriteria.Latest):
                _step = TerminationStep.PurgingSelf;
                Persist(JournalPurged.Now(_services.Time), _ => DeleteMessages(LastSequenceNr));
                return true;
            case DeleteSnapshotsFailure failure when _step == TerminationStep.PurgingSnapshots:
                FailTermination(new TerminationFailed("deleting its snapshots", failure.Cause));
                return true;
            case DeleteMessagesSuccess when _step == TerminationStep.PurgingSelf:
                Finish();
                return true;
            case DeleteMessagesFailure failure when _step == TerminationStep.PurgingSelf:
                FailTermination(new TerminationFailed("purging its journal", failure.Cause));
                return true;
            case TerminationFailed failed:
                FailTermination(failed);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A purger stopped: without its Purged message first, the purge failed.</summary>
    private void ChildOfTerminationStopped(IActorRef child)
    {
        if (_step == TerminationStep.PurgingContext && child.Path.Name == "purge-context")
        {
            FailTermination(new TerminationFailed("purging its context", new InvalidOperationException("the context journal could not be purged")));
        }
    }

    private void FailTermination(TerminationFailed failed)
    {
        _step = TerminationStep.None;
        var error = new SessionUnavailableException($"Ending session {_id} failed while {failed.What}: {failed.Cause.Message}. It is still ending; ask again.", failed.Cause);
        foreach (var waiter in _terminationWaiters)
        {
            waiter.Tell(new FailureReply(error), Self);
        }

        _terminationWaiters.Clear();
    }

    private void Finish()
    {
        _step = TerminationStep.Done;
        var at = Now;
        var tenant = _state!.Tenant;
        _state = _state with { Status = SessionStatus.Terminated, UpdatedAt = at };
        _services.Events.Publish(new SessionStatusChanged(_id, tenant, at, SessionStatus.Terminating, SessionStatus.Terminated, _terminationReason.ToString()));
        _services.Events.Publish(new SessionTerminated(_id, tenant, at, _terminationReason));
        foreach (var waiter in _terminationWaiters)
        {
            waiter.Tell(new Status.Success(null), Self);
        }

        _terminationWaiters.Clear();
        Passivate();
    }

    private sealed record ListingRemoved
    {
        public static readonly ListingRemoved Instance = new();
    }

    private sealed record TerminationFailed(string What, Exception Cause);
}
