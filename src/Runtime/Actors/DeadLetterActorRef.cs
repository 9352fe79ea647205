using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>The sink for undeliverable messages; telling it publishes a <see cref="Events.DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => true;

    public void Tell(object message, IActorRef? sender) => system.DeadLetter(message, sender, this);

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
        }
    }

    public override string ToString() => $"DeadLetters[{Path}]";
}
