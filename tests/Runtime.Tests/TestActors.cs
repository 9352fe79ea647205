namespace JidoSessions.Runtime.Tests;

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class EchoActor : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}

/// <summary>Counts "inc", answers "get" with the count, throws on exceptions it receives, reports lifecycle hooks to a probe.</summary>
internal sealed class CountingActor(IActorRef? reporter = null, string? name = null) : UntypedActor
{
    private int _count;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case "inc":
                _count++;
                break;
            case "get":
                Sender.Tell(_count, Self);
                break;
            case Exception exception:
                throw exception;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void PreStart() => reporter?.Tell($"{name}:prestart", null);

    protected override void PostStop() => reporter?.Tell($"{name}:poststop", null);

    protected override void PreRestart(Exception reason, object? message)
    {
        reporter?.Tell($"{name}:prerestart:{reason.Message}", null);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        reporter?.Tell($"{name}:postrestart:{reason.Message}", null);
        base.PostRestart(reason);
    }
}

/// <summary>Creates children from ("spawn", name, props) tuples and supervises them with the given strategy.</summary>
internal sealed class ParentActor(SupervisorStrategy? strategy = null, IActorRef? reporter = null) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Spawn spawn:
                Sender.Tell(Context.ActorOf(spawn.Props, spawn.Name), Self);
                break;
            case Exception exception:
                throw exception;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override SupervisorStrategy? SupervisorStrategy() => strategy;

    protected override void PostStop() => reporter?.Tell($"{Self.Path.Name}:poststop", null);

    internal sealed record Spawn(Props Props, string? Name);
}
