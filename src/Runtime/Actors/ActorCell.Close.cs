using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>After the actor stopped: the mailbox is closed and whatever it still held becomes dead letters.</summary>
internal sealed partial class ActorCell
{
    /// <summary>Closes the mailbox for good: later system messages are answered as "dead", user messages become dead letters.</summary>
    private void CloseMailbox()
    {
        Interlocked.Or(ref _status, StatusClosed);
        var pending = Interlocked.Exchange(ref _systemHead, ClosedQueueMarker.Instance);
        while (pending is not null && pending != ClosedQueueMarker.Instance)
        {
            var next = pending.Next;
            pending.Next = null;
            HandleSystemMessageAfterClose(pending);
            pending = next;
        }

        DrainAfterClose();
    }

    private void DrainAfterClose()
    {
        var extras = _extras;
        if (extras?.Stash is { } stash)
        {
            extras.Stash = null;
            foreach (var envelope in stash)
            {
                _system.DeadLetter(envelope.Message, envelope.Sender, this);
            }
        }

        if (extras?.Unstashed is { } unstashed)
        {
            extras.Unstashed = null;
            foreach (var envelope in unstashed)
            {
                _system.DeadLetter(envelope.Message, envelope.Sender, this);
            }
        }

        while (_queue.TryDequeue(out var envelope))
        {
            _system.DeadLetter(envelope.Message, envelope.Sender, this);
        }
    }

    private void HandleSystemMessageAfterClose(SystemMessage message)
    {
        // A watch on a stopped actor is answered at once, so watchers never wait for nothing.
        if (message is Watch watch && watch.Watchee == this)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
        }
    }
}
