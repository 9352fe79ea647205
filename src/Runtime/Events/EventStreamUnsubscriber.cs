namespace JidoSessions.Runtime.Events;

/// <summary>Watches every subscriber and removes it from the stream when it stops.</summary>
internal sealed class EventStreamUnsubscriber(EventStream stream) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Register register:
                Context.Watch(register.Subscriber);
                break;
            case Terminated terminated:
                stream.Unsubscribe(terminated.ActorRef);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    internal sealed record Register(IActorRef Subscriber);
}
