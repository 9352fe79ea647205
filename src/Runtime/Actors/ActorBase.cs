namespace JidoSessions.Runtime;

/// <summary>
/// Base of all actors. The runtime calls one handler at a time; hooks follow Akka.NET's lifecycle:
/// PreStart; on failure PreRestart (old instance) then PostRestart (fresh instance); PostStop.
/// </summary>
public abstract class ActorBase
{
    private ActorCell? _cell;

    /// <summary>This actor's context; valid on the actor's own thread.</summary>
    protected IActorContext Context => _cell ?? throw new InvalidOperationException(
        "The actor context is only available once the runtime has created the actor.");

    /// <summary>This actor's ref.</summary>
    protected IActorRef Self => Context.Self;

    /// <summary>The sender of the current message.</summary>
    protected IActorRef Sender => Context.Sender;

    internal void Attach(ActorCell cell) => _cell = cell;

    internal abstract void Dispatch(object message);

    internal SupervisorStrategy? StrategyForChildren() => SupervisorStrategy();

    internal void AroundPreStart() => PreStart();

    internal void AroundPostStop() => PostStop();

    internal void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void AroundPostRestart(Exception reason) => PostRestart(reason);

    /// <summary>The strategy for this actor's children, when Props did not set one.</summary>
    protected virtual SupervisorStrategy? SupervisorStrategy() => null;

    /// <summary>Runs before the first message.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs once after the actor stopped; children have already stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before it is replaced; by default stops all children and calls PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart; by default calls PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// Called for messages the actor does not handle: an unhandled <see cref="Terminated"/> fails the
    /// actor with <see cref="DeathPactException"/>, anything else is published as <see cref="Events.UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        var cell = _cell!;
        cell.System.EventStream.Publish(new Events.UnhandledMessage(message, cell.Sender, cell.Self));
    }
}
