using JidoSessions.Client;

namespace JidoSessions.Host.Http.Gateway;

/// <summary>Finds a tenant's live session by key without creating one.</summary>
internal static class SessionLookup
{
    /// <summary>The live session with <paramref name="key"/>, or null: one lookup at the key's owner, whatever the number of sessions.</summary>
    public static Task<SessionInfo?> FindByKeyAsync(ISessionClient client, SessionKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.FindByKeyAsync(key, cancellationToken);
    }
}
