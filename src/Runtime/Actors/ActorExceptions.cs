namespace JidoSessions.Runtime;

/// <summary>Base of the runtime's own exceptions.</summary>
public class ActorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Raised inside an actor that received <see cref="Kill"/>; the default decider stops it.</summary>
public sealed class ActorKilledException(string message) : ActorException(message);

/// <summary>The actor's constructor or PreStart/PostRestart threw; the default decider stops it.</summary>
public sealed class ActorInitializationException(IActorRef actor, string message, Exception cause)
    : ActorException(message, cause)
{
    /// <summary>The actor that could not start.</summary>
    public IActorRef Actor { get; } = actor;
}

/// <summary>A watched actor stopped and the watcher did not handle <see cref="Terminated"/>.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : ActorException($"Watched actor {deadActor.Path} terminated and the Terminated message was not handled")
{
    /// <summary>The actor that stopped.</summary>
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>A child name is empty, malformed, or already taken.</summary>
public sealed class InvalidActorNameException(string message) : ActorException(message);

/// <summary>An Ask got no reply in time, or its target was already stopped.</summary>
public sealed class AskTimeoutException(string message) : ActorException(message);

/// <summary>The asked actor failed while handling the request (and restarted or stopped), so no reply will come.</summary>
public sealed class AskFailedException(string message, Exception cause) : ActorException(message, cause);
