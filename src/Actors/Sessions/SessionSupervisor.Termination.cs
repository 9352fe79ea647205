using JidoSessions.Actors.Sharding;
using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Sessions;

/// <summary>
/// Ending a session: Terminating is announced, the children stop, then the context's and the session's
/// journals and snapshots are deleted, Terminated is announced, and the manager frees the id and key
/// before the caller is answered. A crash part-way leaves the session registered (the caller got no ack),
/// and it can be ended again.
/// </summary>
internal sealed partial class SessionSupervisor
{
    private void BeginTermination(TerminationReason reason, IActorRef? replyTo)
    {
        if (_state.Status == SessionStatus.Terminating)
        {
            replyTo?.Tell(new Status.Failure(new InvalidTransitionException(Id, _state.Status, "end it again")), Self);
            return;
        }

        var from = _state.Status;
        _state = _state with { Status = SessionTransitions.Move(Id, from, SessionStatus.Terminating), UpdatedAt = Now };
        _terminationReplyTo = replyTo;
        _terminationReason = reason;
        _ttlTimer?.Cancel();
        Context.SetReceiveTimeout(null);
        Context.Parent.Tell(new SessionEnding(Id), Self);
        PublishStatus(new SessionStatusMoved(from, SessionStatus.Terminating, reason.ToString(), _state.UpdatedAt));
        StopChildren();
        ContinueTermination();
    }

    /// <summary>Purges once both children are gone (a context write in flight must not land after the purge).</summary>
    private void ContinueTermination()
    {
        if (_context is not null || _agent is not null)
        {
            return;
        }

        RunTask(PurgeAndFinishAsync);
    }

    private async Task PurgeAndFinishAsync()
    {
        var journal = Persistence.Journal;
        var snapshots = Persistence.SnapshotStore;
        foreach (var persistenceId in new[] { $"context-{Id}", PersistenceId })
        {
            await journal.DeleteMessagesToAsync(persistenceId, long.MaxValue).ConfigureAwait(true);
            await snapshots.DeleteToAsync(persistenceId, long.MaxValue).ConfigureAwait(true);
        }

        var at = Now;
        _state = _state with { Status = SessionStatus.Terminated, UpdatedAt = at };
        PublishStatus(new SessionStatusMoved(SessionStatus.Terminating, SessionStatus.Terminated, _terminationReason.ToString(), at));
        runtime.Events.Publish(new SessionTerminated(Id, _state.Tenant, at, _terminationReason));
        runtime.Events.RemoveTopic(Id);
        manager.Tell(new SessionEnded(Id, _terminationReplyTo, new Status.Success(null)), Self);
        Context.Stop(Self);
    }
}
