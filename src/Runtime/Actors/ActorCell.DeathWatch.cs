using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>Death watch: who we watch, who watches us, and Terminated delivery.</summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is IInternalActorRef target && subject != this && (Extras.Watching ??= []).Add(subject))
        {
            target.SendSystemMessage(new Watch(target, this));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (_extras?.Watching?.Remove(subject) == true && subject is IInternalActorRef target)
        {
            target.SendSystemMessage(new Unwatch(target, this));
        }

        _extras?.TerminatedQueued?.Remove(subject);
        return subject;
    }

    private void HandleWatch(Watch watch)
    {
        if (watch.Watchee == this && watch.Watcher != this && watch.Watcher != _parent)
        {
            (Extras.WatchedBy ??= []).Add(watch.Watcher);
        }
    }

    private void HandleUnwatch(Unwatch unwatch) => _extras?.WatchedBy?.Remove(unwatch.Watcher);

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        if (_extras?.Watching?.Remove(actor) == true && _state < CellState.Terminating)
        {
            // Terminated goes through the user queue, behind anything the dead actor sent before dying.
            (Extras.TerminatedQueued ??= []).Add(actor);
            Tell(new Terminated(actor, notification.ExistenceConfirmed), actor);
        }

        if (actor is ActorCell child && child._parent == this)
        {
            HandleChildTerminated(child);
        }
    }

    /// <summary>True if a Terminated for <paramref name="actor"/> is still wanted (not unwatched since).</summary>
    private bool TakeQueuedTerminated(IActorRef actor) => _extras?.TerminatedQueued?.Remove(actor) == true;

    private void TellWatchersWeDied()
    {
        var watchers = _extras?.WatchedBy;
        if (watchers is null)
        {
            return;
        }

        foreach (var watcher in watchers)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
        }

        watchers.Clear();
    }

    private void UnwatchWatchedActors()
    {
        var watching = _extras?.Watching;
        if (watching is null)
        {
            return;
        }

        foreach (var subject in watching)
        {
            if (subject is IInternalActorRef target)
            {
                target.SendSystemMessage(new Unwatch(target, this));
            }
        }

        watching.Clear();
    }
}
