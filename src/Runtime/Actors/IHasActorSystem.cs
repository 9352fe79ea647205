namespace JidoSessions.Runtime;

/// <summary>Implemented by refs that wrap a local actor (such as test probes) so Ask can find their system.</summary>
public interface IHasActorSystem
{
    /// <summary>The system the ref belongs to.</summary>
    ActorSystem System { get; }
}
