using Akka.Actor;

namespace JidoSessions.Actors.Tests.Context;

/// <summary>
/// Starts one child from Props ("child" asks for its ref) and restarts it on any failure, reporting each failure's
/// type name to <c>reporter</c>; whatever else it receives (e.g. from the child) goes to <c>reporter</c> too.
/// </summary>
internal sealed class RestartingParent(Props child, IActorRef reporter) : UntypedActor
{
    private IActorRef? _child;

    protected override void PreStart() => _child = Context.ActorOf(child, "child");

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case "child":
                Sender.Tell(_child!, Self);
                break;
            default:
                reporter.Tell(message, Sender);
                break;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(exception =>
    {
        reporter.Tell(exception.GetType().Name, ActorRefs.NoSender);
        return Directive.Restart;
    });
}
