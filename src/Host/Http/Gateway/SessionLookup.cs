using JidoSessions.Client;

namespace JidoSessions.Host.Http.Gateway;

/// <summary>Finds a tenant's live session by key without creating one.</summary>
internal static class SessionLookup
{
    private const int PageSize = 1000;

    /// <summary>
    /// The live session with <paramref name="key"/>, or null. The client has no find-by-key (get-or-create would
    /// create), so this pages through the tenant's sessions: one request per thousand sessions.
    /// </summary>
    public static async Task<SessionInfo?> FindByKeyAsync(ISessionClient client, SessionKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await client.ListAsync(new ListSessionsQuery(null, offset, PageSize), cancellationToken);
            var found = page.Items.FirstOrDefault(s => s.Key == key && s.Status is not (SessionStatus.Terminating or SessionStatus.Terminated));
            if (found is not null)
            {
                return found;
            }

            if (page.Items.Count < PageSize || offset + PageSize >= page.Total)
            {
                return null;
            }
        }
    }
}
