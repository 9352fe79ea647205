using Akka.Cluster.Sharding;

namespace JidoSessions.Actors.Keys;

/// <summary>Routes <see cref="KeyEnvelope"/>s of the "session-key" region: entity id = hash of (tenant, key).</summary>
internal sealed class KeyMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message switch
    {
        KeyEnvelope envelope => envelope.EntityId,
        _ => null,
    };
}
