using System.Collections.Concurrent;
using JidoSessions.Persistence.Directory;

namespace JidoSessions.Actors.Persistence;

/// <summary>The listing read side kept in memory (storage provider "memory": nothing survives the process).</summary>
internal sealed class InMemoryDirectoryStore : ISessionDirectoryStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DirectoryEntry>> _tenants = new(StringComparer.Ordinal);

    public Task UpsertAsync(DirectoryEntry entry, CancellationToken cancellationToken = default)
    {
        _tenants.GetOrAdd(entry.Tenant, static _ => new(StringComparer.Ordinal))[entry.SessionId] = entry;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        if (_tenants.TryGetValue(tenant, out var rows))
        {
            rows.TryRemove(sessionId, out _);
        }

        return Task.CompletedTask;
    }

    public Task<DirectoryPage> ListAsync(string tenant, string? status, int offset, int limit, CancellationToken cancellationToken = default)
    {
        if (!_tenants.TryGetValue(tenant, out var rows))
        {
            return Task.FromResult(new DirectoryPage([], 0));
        }

        var matching = rows.Values
            .Where(r => status is null || r.Status == status)
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.SessionId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new DirectoryPage([.. matching.Skip(offset).Take(limit)], matching.Count));
    }

    public Task<DirectoryEntry?> GetAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tenants.TryGetValue(tenant, out var rows) && rows.TryGetValue(sessionId, out var row) ? row : null);

    public Task<IReadOnlyList<DirectoryEntry>> ListIdleAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DirectoryEntry>>([.. _tenants.Values
            .SelectMany(rows => rows.Values)
            .Where(r => r.Status is "Active" or "Idle" && r.LastActiveAt < before)
            .OrderBy(r => r.LastActiveAt)
            .Take(limit)]);
}
