using JidoSessions.Client;
using Akka.Persistence;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Context;

// Command handlers that change state, and purge.
internal sealed partial class ContextManager
{
    private void HandleAppendTurn(AppendTurn append)
    {
        var replyTo = Sender;
        var events = _state.PlanTurn(append.UserText, append.AssistantText, Now, append.MaxHistory);
        var (user, assistant) = _state.EntriesFor((TurnRecorded)events[0]);
        LogTurnText(_log, _sessionId, user.Sequence, append.UserText, append.AssistantText);
        Commit(events, () => replyTo.Tell(new TurnAppended(user, assistant, _state.History.Count), Self));
    }

    private void HandleAddFile(SessionFile file)
    {
        var replyTo = Sender;
        if (_state.PlanAddFile(file, Now, out var added) is { } invalid)
        {
            LogFileRejected(_log, _sessionId, invalid.Message);
            replyTo.Tell(new FailureReply(invalid), Self);
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

    private void HandleSnapshotSaved(SaveSnapshotSuccess saved)
    {
        var through = saved.Metadata.SequenceNr;
        LogSnapshotSaved(_log, _sessionId, through);
        _snapshotInFlight = false;

        // Only the latest snapshot is ever loaded; older ones and the events it covers just take space.
        DeleteSnapshots(new SnapshotSelectionCriteria(through - 1));
        DeleteMessages(through);
    }
}
