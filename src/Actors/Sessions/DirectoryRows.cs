using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Persistence.Directory;

namespace JidoSessions.Actors.Sessions;

/// <summary>Maps a session's outside view to its listing row and back.</summary>
internal static class DirectoryRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DirectoryEntry From(SessionInfo info) => new(
        info.Tenant.Value,
        info.Id.ToString(),
        info.Key?.Value,
        info.Status.ToString(),
        JsonSerializer.Serialize(info.Config, Json),
        info.CreatedAt,
        info.UpdatedAt,
        info.LastActiveAt,
        info.MessageCount);

    public static SessionInfo ToInfo(DirectoryEntry row) => new(
        SessionId.Parse(row.SessionId),
        TenantId.Parse(row.Tenant),
        row.Key is null ? null : SessionKey.Parse(row.Key),
        Enum.Parse<SessionStatus>(row.Status),
        JsonSerializer.Deserialize<SessionConfig>(row.ConfigJson, Json) ?? new SessionConfig(),
        row.CreatedAt,
        row.UpdatedAt,
        row.LastActiveAt,
        row.MessageCount);
}
