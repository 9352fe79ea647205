using Akka.Actor;
using Akka.Hosting;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;

namespace JidoSessions.Actors.Keys;

/// <summary>Messages to the "session-key" region, resolved from the system's ActorRegistry.</summary>
internal static class KeyRegions
{
    public static IActorRef Of(ActorSystem system) => ActorRegistry.For(system).Get<KeyRegion>();

    /// <summary>A claim that reached an ending session goes back to its key entity, still on behalf of <paramref name="caller"/>.</summary>
    public static void Bounce(ActorSystem system, TenantId tenant, SessionKey key, SessionId id, Sessions.JoinSession join, IActorRef caller) =>
        Of(system).Tell(new KeyEnvelope(tenant, key, new KeyStale(id, new ClaimKey(join.Config, join.Seed))), caller);

    /// <summary>An ending session releases its key; the ack goes to <paramref name="session"/>.</summary>
    public static void Release(ActorSystem system, TenantId tenant, SessionKey key, SessionId id, IActorRef session) =>
        Of(system).Tell(new KeyEnvelope(tenant, key, new ReleaseKey(id)), session);
}

/// <summary>Messages to the "session" region, resolved from the system's ActorRegistry.</summary>
internal static class SessionRegions
{
    public static IActorRef Of(ActorSystem system) => ActorRegistry.For(system).Get<SessionRegion>();
}
