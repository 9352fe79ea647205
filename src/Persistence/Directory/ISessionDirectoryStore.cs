namespace JidoSessions.Persistence.Directory;

/// <summary>
/// The listing read side: one row per live session, per tenant, paged by an index on
/// (tenant, created_at desc, session_id desc). Written by the session entities (upsert when a session
/// opens or its status, config or activity summary changes; remove when it is purged); read by listing.
/// Not on the path of a turn. A removed row leaves no copy of the session's key or config behind.
/// Implementations are thread-safe.
/// </summary>
public interface ISessionDirectoryStore
{
    /// <summary>Inserts or replaces the row of <see cref="DirectoryEntry.SessionId"/>; durable when the task completes.</summary>
    Task UpsertAsync(DirectoryEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Deletes the row (physically); durable when the task completes. No error if it is not there.</summary>
    Task RemoveAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One tenant's rows, newest first (created_at desc, then session_id desc), optionally with one status,
    /// skipping <paramref name="offset"/> and returning at most <paramref name="limit"/>; Total counts every
    /// matching row of that tenant.
    /// </summary>
    Task<DirectoryPage> ListAsync(string tenant, string? status, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>One row, or null.</summary>
    Task<DirectoryEntry?> GetAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> rows of every tenant whose status is Active or Idle and that were last active
    /// before <paramref name="before"/>, least recently active first: the sessions whose time to live may have run out.
    /// </summary>
    Task<IReadOnlyList<DirectoryEntry>> ListIdleAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);
}

/// <summary>One session's listing row. <see cref="Status"/> is the status name; <see cref="ConfigJson"/> is opaque to the store.</summary>
public sealed record DirectoryEntry(
    string Tenant,
    string SessionId,
    string? Key,
    string Status,
    string ConfigJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActiveAt,
    int MessageCount);

/// <summary>A page of rows and the number of rows that matched.</summary>
public sealed record DirectoryPage(IReadOnlyList<DirectoryEntry> Items, int Total);
