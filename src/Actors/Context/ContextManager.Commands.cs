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
        var events = _state.PlanTurn(append.UserText, append.AssistantText, Now, append.MaxHistory, append.ToolResults, append.ToolCalls);
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

    private void HandlePlanFork(PlanFork plan)
    {
        if (_state.PlanFork(_sessionId, plan.AtSequence, Now, out var seed, out var configThen) is { } invalid)
        {
            plan.ReplyTo.Tell(new FailureReply(invalid), Self);
            return;
        }

        Sender.Tell(new ForkPlanned(seed!, configThen, plan.Key, plan.ReplyTo), Self);
    }

    private void HandleSeed(SeedContext seed)
    {
        var owner = Sender;

        // Seeding twice (a fork's open retried after a crash) must not stack a second copy.
        IReadOnlyList<IContextEvent> events = _state.ForkedFrom is null && _state.History.Count == 0 && _state.Files.Count == 0 ? [seed.Seed] : [];
        Commit(events, () => owner.Tell(new ContextSeedStored(_state.History.Count, seed.Seed.Source, seed.Seed.AtSequence, seed.ReplyTo), Self));
    }

    private void HandleRewind(RewindContext rewind)
    {
        var owner = Sender;
        if (_state.PlanRewind(rewind.ToSequence, Now, out var rewound) is { } invalid)
        {
            rewind.ReplyTo.Tell(new FailureReply(invalid), Self);
            return;
        }

        Commit(rewound is null ? [] : [rewound], () =>
            owner.Tell(new ContextRewound(rewind.ToSequence, rewound is not null, _state.History.Count, LastMessageAt, rewind.ReplyTo), Self));
    }

    private DateTimeOffset? LastMessageAt => _state.History.Count > 0 ? _state.History[^1].At : null;

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
