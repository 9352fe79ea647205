namespace JidoSessions.Actors.Hosting;

// ActorRegistry keys: resolve JidoSessions' actors with ActorRegistry.For(system).Get<SessionRegion>() (or
// IRequiredActor<SessionRegion> from DI).

/// <summary>Registry key of the "session" shard region (entity id = session id).</summary>
public sealed class SessionRegion;

/// <summary>Registry key of the "session-key" shard region (entity id = hash of tenant and key).</summary>
public sealed class KeyRegion;

/// <summary>Registry key of this node's SessionManager, the front door that creates, finds, lists and ends sessions.</summary>
public sealed class SessionManagerActor;
