using System.Data.Common;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;

namespace JidoSessions.Persistence.Writing;

public abstract partial class GroupCommitStore
{
    /// <summary>Runs <paramref name="command"/> and turns every row it returns into a value.</summary>
    private protected static async Task<List<T>> ReadRowsAsync<T>(
        DbCommand command, Func<DbDataReader, T> readRow, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(readRow(reader));
        }

        return rows;
    }

    /// <summary>An event from a row of (ordering, sequence_nr, created, manifest, payload), as both stores select it.</summary>
    private protected JournalEvent ReadEvent(DbDataReader row, string persistenceId) => new(
        row.GetInt64(0),
        persistenceId,
        row.GetInt64(1),
        ReadTimestamp(row, 2),
        row.GetString(3),
        row.GetString(4));

    /// <summary>A snapshot from a row of (sequence_nr, created, manifest, payload), as both stores select it.</summary>
    private protected SnapshotEntry ReadSnapshot(DbDataReader row, string persistenceId) => new(
        persistenceId,
        row.GetInt64(0),
        ReadTimestamp(row, 1),
        row.GetString(2),
        row.GetString(3));

    /// <summary>The <c>created</c> column at <paramref name="ordinal"/>, converted from however the database stores it.</summary>
    private protected abstract DateTimeOffset ReadTimestamp(DbDataReader row, int ordinal);
}
