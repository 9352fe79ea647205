using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>Posts continuations of an actor's async handler back into the actor's mailbox.</summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) =>
        cell.SendSystemMessage(new RunContinuation(d, state));

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (ActorCell.Current != cell)
        {
            throw new NotSupportedException("Synchronous Send into an actor from another thread would block it.");
        }

        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;
}
