namespace JidoSessions.Persistence.Sqlite;

/// <summary>The statements of the SQLite store, in one place so reads and writes agree on the schema.</summary>
internal static class SqliteSql
{
    // ORDER BY ... LIMIT 1 instead of MAX(): walks the unique index from its end, O(log n) per persistence id.
    // Deleted rows are gone, so the highest sequence nr they had is kept in journal_metadata (Akka requires it to
    // survive a delete: a persistent actor that deleted its journal must not start over at 1).
    public const string SelectHighest = """
        SELECT MAX(n) FROM (
            SELECT (SELECT sequence_nr FROM event_journal WHERE persistence_id = $pid ORDER BY sequence_nr DESC LIMIT 1) AS n
            UNION ALL SELECT sequence_nr FROM journal_metadata WHERE persistence_id = $pid);
        """;

    public const string InsertEvent =
        "INSERT INTO event_journal (persistence_id, sequence_nr, created, manifest, payload) VALUES ($pid, $seq, $created, $manifest, $payload);";

    // Physical delete (with secure_delete on the writer, the freed pages are zeroed): no row keeps a deleted event.
    public const string DeleteEventsTo = """
        INSERT INTO journal_metadata (persistence_id, sequence_nr)
        SELECT persistence_id, MAX(sequence_nr) FROM event_journal WHERE persistence_id = $pid AND sequence_nr <= $to GROUP BY persistence_id
        ON CONFLICT (persistence_id) DO UPDATE SET sequence_nr = MAX(sequence_nr, excluded.sequence_nr);
        DELETE FROM event_journal WHERE persistence_id = $pid AND sequence_nr <= $to;
        """;

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
        WHERE persistence_id = $pid AND sequence_nr >= $from AND sequence_nr <= $to
        ORDER BY sequence_nr LIMIT $limit;
        """;

    public const string SelectLatestSnapshot = """
        SELECT sequence_nr, created, manifest, payload FROM snapshot_store
        WHERE persistence_id = $pid AND sequence_nr <= $max
        ORDER BY sequence_nr DESC LIMIT 1;
        """;

    // Keyset pages over the unique index. Ids sharing a prefix are contiguous in BINARY (UTF-8 byte) order,
    // so the reader can stop at the first id past the prefix.
    // An id whose events were all deleted lives on in journal_metadata, and stays listed (as Akka's persistence ids do).
    public const string SelectIdsFirstPage = """
        SELECT persistence_id FROM event_journal WHERE persistence_id >= $from
        UNION SELECT persistence_id FROM journal_metadata WHERE persistence_id >= $from
        ORDER BY persistence_id LIMIT $limit;
        """;

    public const string SelectIdsNextPage = """
        SELECT persistence_id FROM event_journal WHERE persistence_id > $from
        UNION SELECT persistence_id FROM journal_metadata WHERE persistence_id > $from
        ORDER BY persistence_id LIMIT $limit;
        """;

    public const string DirectoryColumns = "tenant, session_id, key, status, config, created_at, updated_at, last_active_at, message_count";

    public const string UpsertDirectory =
        $"INSERT OR REPLACE INTO jido_session_directory ({DirectoryColumns}) VALUES ($t, $s, $k, $st, $c, $ca, $ua, $la, $mc);";

    /// <summary>A listing time as stored: UTC, round-trip format, fixed width, so text order is time order.</summary>
    public static string DirectoryTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public const string DeleteDirectory = "DELETE FROM jido_session_directory WHERE tenant = $t AND session_id = $s;";

    public const string SelectDirectoryRow = $"SELECT {DirectoryColumns} FROM jido_session_directory WHERE tenant = $t AND session_id = $s;";

    public const string CountDirectory = "SELECT COUNT(*) FROM jido_session_directory WHERE tenant = $t;";

    public const string CountDirectoryWithStatus = "SELECT COUNT(*) FROM jido_session_directory WHERE tenant = $t AND status = $st;";

    public const string SelectDirectoryPage =
        $"SELECT {DirectoryColumns} FROM jido_session_directory WHERE tenant = $t ORDER BY created_at DESC, session_id DESC LIMIT $limit OFFSET $offset;";

    public const string SelectDirectoryPageWithStatus =
        $"SELECT {DirectoryColumns} FROM jido_session_directory WHERE tenant = $t AND status = $st ORDER BY created_at DESC, session_id DESC LIMIT $limit OFFSET $offset;";

    public const string SelectIdleDirectoryRows =
        $"SELECT {DirectoryColumns} FROM jido_session_directory WHERE last_active_at < $before AND status IN ('Active', 'Idle') ORDER BY last_active_at LIMIT $limit;";
}
