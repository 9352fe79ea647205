using Akka.Cluster.Sharding;

namespace JidoSessions.Actors.Sessions;

/// <summary>Routes <see cref="SessionEnvelope"/>s of the "session" region: entity id = session id, a fixed number of shards.</summary>
internal sealed class SessionMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message switch
    {
        SessionEnvelope envelope => envelope.SessionId.ToString(),
        _ => null,
    };
}
