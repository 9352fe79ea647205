namespace JidoSessions.Runtime;

/// <summary>A behaviour installed with <see cref="IActorContext.Become"/>.</summary>
public delegate void UntypedReceive(object message);

/// <summary>
/// What an actor sees of itself and the system while it handles a message. Only valid on the
/// actor's own thread (inside a handler, a lifecycle hook, or a <c>RunTask</c> continuation).
/// </summary>
public interface IActorContext
{
    /// <summary>This actor.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the current message; dead letters when there was none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor.</summary>
    IActorRef Parent { get; }

    /// <summary>Live children (a snapshot).</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>The system this actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>Cancelled when this incarnation stops or restarts; pass it to I/O started by the actor.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>The receive timeout in force, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The live child with this name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Starts a child; names must be unique among live children and may not start with '$'.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child, or this actor itself; other actors are stopped by their own parents.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Cancels a watch; a <see cref="Terminated"/> already queued for it is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Sends <see cref="Runtime.ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>Handles the next messages with <paramref name="receive"/>; with <paramref name="discardOld"/> false, stacks it.</summary>
    void Become(UntypedReceive receive, bool discardOld = true);

    /// <summary>Returns to the previous behaviour.</summary>
    void Unbecome();

    /// <summary>Sets the current message aside until <see cref="UnstashAll"/>.</summary>
    void Stash();

    /// <summary>Puts all stashed messages back in front of the mailbox, oldest first.</summary>
    void UnstashAll();
}
