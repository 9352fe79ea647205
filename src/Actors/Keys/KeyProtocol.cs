using System.Security.Cryptography;
using System.Text;
using JidoSessions.Client;
using JidoSessions.Persistence.Serialization;

namespace JidoSessions.Actors.Keys;

// The "session-key" region: one persistent entity per (tenant, key), the single writer of that key's session id
// cluster-wide. Entity ids and persistence ids are a hash of tenant and key, so no row names a key in clear.

/// <summary>A request for one key; the extractor routes on <see cref="EntityId"/>.</summary>
internal sealed record KeyEnvelope(TenantId Tenant, SessionKey Key, object Payload)
{
    /// <summary>SHA-256 hex of tenant and key: the entity id (and, prefixed, the persistence id).</summary>
    public string EntityId => KeyIds.For(Tenant, Key);
}

/// <summary>
/// Get-or-create: the caller is the sender. Reply (from the session entity): <see cref="GetOrCreateResult"/>. With
/// <see cref="Seed"/>, a fork that wants this key: a new session from the seed if the key names none (reply: its
/// <see cref="SessionInfo"/>), else refused.
/// </summary>
internal sealed record ClaimKey(SessionConfig? Config, Context.ContextSeeded? Seed = null);

/// <summary>Session → key entity: the claim reached a session that is ending; find or make another. Sender: the original caller.</summary>
internal sealed record KeyStale(SessionId Id, ClaimKey Claim);

/// <summary>An ending session gives its key back. Reply: <see cref="KeyReleaseAck"/>.</summary>
internal sealed record ReleaseKey(SessionId Id);

/// <summary>The key no longer names <see cref="Id"/> (it may name a newer session).</summary>
internal sealed record KeyReleaseAck(SessionId Id);

/// <summary>Which session the key names, without creating one. Reply: <see cref="KeyLookup"/>.</summary>
internal sealed record FindKey
{
    public static readonly FindKey Instance = new();
}

/// <summary>The session the key names, or null.</summary>
internal sealed record KeyLookup(SessionId? Id);

/// <summary>Journaled: the key now names <see cref="Id"/>.</summary>
internal sealed record KeyAssigned(SessionId Id);

/// <summary>Journaled: the key no longer names <see cref="Id"/>.</summary>
internal sealed record KeyCleared(SessionId Id);

internal static class KeyIds
{
    public static string For(TenantId tenant, SessionKey key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant.Value + "\n" + key.Value)));
}

internal static class KeySerialization
{
    public static EventSerializerBuilder AddKeyEvents(this EventSerializerBuilder builder) => builder
        .Add<KeyAssigned>("key.assigned.v1")
        .Add<KeyCleared>("key.cleared.v1");
}
