using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime;

/// <summary>What the runtime needs from a ref beyond <see cref="IActorRef"/>.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>True once the actor has stopped for good.</summary>
    bool IsTerminated { get; }

    /// <summary>Delivers a lifecycle message; a stopped target answers watches with a notification.</summary>
    void SendSystemMessage(SystemMessage message);
}
