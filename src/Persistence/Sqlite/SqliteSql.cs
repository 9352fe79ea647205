namespace JidoSessions.Persistence.Sqlite;

/// <summary>The statements of the SQLite store, in one place so reads and writes agree on the schema.</summary>
internal static class SqliteSql
{
    // ORDER BY ... LIMIT 1 instead of MAX(): walks the unique index from its end, O(log n) per persistence id.
    public const string SelectHighest =
        "SELECT sequence_nr FROM event_journal WHERE persistence_id = $pid ORDER BY sequence_nr DESC LIMIT 1;";

    public const string InsertEvent =
        "INSERT INTO event_journal (persistence_id, sequence_nr, created, manifest, payload) VALUES ($pid, $seq, $created, $manifest, $payload);";

    public const string DeleteEventsTo =
        "UPDATE event_journal SET deleted = TRUE WHERE persistence_id = $pid AND sequence_nr <= $to AND NOT deleted;";

    public const string UpsertSnapshot = """
        INSERT INTO snapshot_store (persistence_id, sequence_nr, created, manifest, payload)
        VALUES ($pid, $seq, $created, $manifest, $payload)
        ON CONFLICT (persistence_id, sequence_nr)
        DO UPDATE SET created = excluded.created, manifest = excluded.manifest, payload = excluded.payload;
        """;

    public const string DeleteSnapshotsTo =
        "DELETE FROM snapshot_store WHERE persistence_id = $pid AND sequence_nr <= $to;";

    public const string SelectEventsPage = """
        SELECT ordering, sequence_nr, created, manifest, payload FROM event_journal
        WHERE persistence_id = $pid AND sequence_nr >= $from AND sequence_nr <= $to AND NOT deleted
        ORDER BY sequence_nr LIMIT $limit;
        """;

    public const string SelectLatestSnapshot = """
        SELECT sequence_nr, created, manifest, payload FROM snapshot_store
        WHERE persistence_id = $pid AND sequence_nr <= $max
        ORDER BY sequence_nr DESC LIMIT 1;
        """;

    // Keyset pages over the unique index. Ids sharing a prefix are contiguous in BINARY (UTF-8 byte) order,
    // so the reader can stop at the first id past the prefix.
    public const string SelectIdsFirstPage =
        "SELECT DISTINCT persistence_id FROM event_journal WHERE persistence_id >= $from ORDER BY persistence_id LIMIT $limit;";

    public const string SelectIdsNextPage =
        "SELECT DISTINCT persistence_id FROM event_journal WHERE persistence_id > $from ORDER BY persistence_id LIMIT $limit;";
}
