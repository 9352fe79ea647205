namespace JidoSessions.Runtime;

/// <summary>
/// A handle to an actor. Telling is fire-and-forget and never blocks; messages from one sender to one
/// receiver arrive in the order they were sent. A message to a stopped actor becomes a
/// <see cref="Events.DeadLetter"/>. Equality is identity: a restarted actor keeps its ref, a new
/// actor at the same path gets a new one.
/// </summary>
public interface IActorRef
{
    /// <summary>Where the actor lives in the hierarchy.</summary>
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/>; <paramref name="sender"/> is what the receiver sees as <c>Sender</c>.</summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>Well-known refs.</summary>
public static class ActorRefs
{
    /// <summary>"No sender": replies to it go to dead letters.</summary>
    public static readonly IActorRef? NoSender;
}
