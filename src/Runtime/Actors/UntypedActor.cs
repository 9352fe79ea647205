namespace JidoSessions.Runtime;

/// <summary>
/// An actor with one receive method: match on the message type and call <see cref="ActorBase.Unhandled"/>
/// for anything else.
/// </summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles one message. Exceptions go to the supervisor.</summary>
    protected abstract void OnReceive(object message);

    /// <summary>
    /// Runs an async handler inside the actor: no other user message is processed until the task
    /// completes, continuations run on the actor (Context stays valid across awaits), and an exception
    /// goes to the supervisor like a synchronous one.
    /// </summary>
    protected void RunTask(Func<Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ((ActorCell)Context).RunTask(handler);
    }

    internal sealed override void Dispatch(object message) => OnReceive(message);
}
