namespace JidoSessions.Runtime;

/// <summary>The /user and /system guardians: they only supervise.</summary>
internal sealed class GuardianActor : ActorBase
{
    internal override void Dispatch(object message) => Unhandled(message);
}

/// <summary>The root: when /user has stopped, it stops /system and then itself, which ends the system.</summary>
internal sealed class RootGuardianActor(IActorRef userGuardian) : ActorBase
{
    protected override void PreStart() => Context.Watch(userGuardian);

    internal override void Dispatch(object message)
    {
        if (message is Terminated terminated && terminated.ActorRef == userGuardian)
        {
            Context.Stop(Self);
            return;
        }

        Unhandled(message);
    }
}
