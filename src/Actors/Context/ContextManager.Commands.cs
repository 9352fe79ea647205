using JidoSessions.Client;
using JidoSessions.Persistence.Actors;
using JidoSessions.Runtime;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Context;

// Command handlers that change state, and purge.
internal sealed partial class ContextManager
{
    private void HandleAppendTurn(AppendTurn append)
    {
        var replyTo = Sender;
        var events = _state.PlanTurn(append.UserText, append.AssistantText, Now, append.MaxHistory);
        var (user, assistant) = _state.EntriesFor((TurnRecorded)events[0]);
        LogTurnText(Log, _sessionId, user.Sequence, append.UserText, append.AssistantText);
        Commit(events, () => replyTo.Tell(new TurnAppended(user, assistant, _state.History.Count), Self));
    }

    private void HandleAddFile(SessionFile file)
    {
        var replyTo = Sender;
        if (_state.PlanAddFile(file, Now, out var added) is { } invalid)
        {
            LogFileRejected(Log, _sessionId, invalid.Message);
            replyTo.Tell(new Status.Failure(invalid), Self);
            return;
        }

        Commit([added!], () => replyTo.Tell(_state.Files[added!.Path].Info, Self));
    }

    private void HandleRemoveFile(string path)
    {
        var replyTo = Sender;
        if (_state.PlanRemoveFile(path) is not { } removed)
        {
            replyTo.Tell(false, Self);
            return;
        }

        Commit([removed], () => replyTo.Tell(true, Self));
    }

    private void HandlePurge()
    {
        var replyTo = Sender;
        var persistence = Persistence;
        var persistenceId = PersistenceId;
        var through = LastSequenceNr;
        var token = Context.CancellationToken;
        RunTask(async () =>
        {
            try
            {
                await persistence.Journal.DeleteMessagesToAsync(persistenceId, through, token).ConfigureAwait(true);
                await persistence.SnapshotStore.DeleteToAsync(persistenceId, long.MaxValue, token).ConfigureAwait(true);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
            {
                LogPurgeFailed(Log, exception, _sessionId);
                replyTo.Tell(new Status.Failure(exception), Self);
                return;
            }

            _state = ContextState.Empty;
            _cache.RemoveSession(_sessionId);
            LogPurged(Log, _sessionId, through);
            replyTo.Tell(new Status.Success(null), Self);
            Context.Stop(Self);
        });
    }

    private void HandleSnapshotSaved(SaveSnapshotSuccess saved)
    {
        LogSnapshotSaved(Log, _sessionId, saved.SequenceNr);
        SnapshotFinished();

        // Only the latest snapshot is ever loaded; older ones just take space.
        _ = DeleteOlderSnapshotsAsync(Persistence, PersistenceId, saved.SequenceNr - 1, Log, _sessionId);
    }

    private void SnapshotFinished()
    {
        _snapshotInFlight = false;
        Context.UnstashAll();
    }

    private static async Task DeleteOlderSnapshotsAsync(PersistenceExtension persistence, string persistenceId, long through, ILogger log, SessionId sessionId)
    {
        try
        {
            await persistence.SnapshotStore.DeleteToAsync(persistenceId, through).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogSnapshotCleanupFailed(log, exception, sessionId, through);
        }
    }
}
