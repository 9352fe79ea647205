namespace JidoSessions.Runtime;

/// <summary>Stops the receiving actor once the messages queued before it have been processed.</summary>
public sealed class PoisonPill
{
    /// <summary>The singleton.</summary>
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }
}

/// <summary>Makes the receiving actor fail with <see cref="ActorKilledException"/>; its supervisor decides what follows.</summary>
public sealed class Kill
{
    /// <summary>The singleton.</summary>
    public static readonly Kill Instance = new();

    private Kill()
    {
    }
}

/// <summary>Sent when no message arrived within the time set by <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    /// <summary>The singleton.</summary>
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout()
    {
    }
}

/// <summary>Marks messages that do not reset the receive timeout.</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Delivered to a watcher when a watched actor has stopped; unhandled, it fails the watcher with <see cref="DeathPactException"/>.</summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone (or never existed) at watch time.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed);

/// <summary>Replies that report the outcome of a request; <see cref="Failure"/> fails an Ask with its cause.</summary>
public abstract record Status
{
    private Status()
    {
    }

    /// <summary>Success, with an optional value.</summary>
    public sealed record Success(object? Value) : Status;

    /// <summary>Failure; an Ask that receives it throws <see cref="Cause"/>.</summary>
    public sealed record Failure(Exception Cause) : Status;
}
