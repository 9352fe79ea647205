namespace JidoSessions.Persistence.Postgres;

/// <summary>The statements of the PostgreSQL store for one schema. Parameters are positional ($1, $2, ...).</summary>
internal sealed class PostgresSql(string schema)
{
    public string Schema { get; } = schema;

    public string QuotedSchema { get; } = $"\"{schema}\"";

    /// <summary>$1 text[] of persistence ids -> (persistence_id, highest or NULL); one index probe per id.</summary>
    public string SelectHighestMany => $"""
        SELECT i.persistence_id,
               (SELECT j.sequence_nr FROM {QuotedSchema}.event_journal j
                WHERE j.persistence_id = i.persistence_id ORDER BY j.sequence_nr DESC LIMIT 1)
        FROM unnest($1::text[]) AS i(persistence_id)
        """;

    public string SelectHighest =>
        $"SELECT sequence_nr FROM {QuotedSchema}.event_journal WHERE persistence_id = $1 ORDER BY sequence_nr DESC LIMIT 1";

    /// <summary>$1 created, $2 ids, $3 sequence nrs, $4 manifests, $5 payloads: many events in one statement.</summary>
    public string InsertEvents => $"""
        INSERT INTO {QuotedSchema}.event_journal (persistence_id, sequence_nr, created, manifest, payload)
        SELECT e.persistence_id, e.sequence_nr, $1, e.manifest, e.payload
        FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[]) AS e(persistence_id, sequence_nr, manifest, payload)
        """;

    public string DeleteEventsTo =>
        $"UPDATE {QuotedSchema}.event_journal SET deleted = TRUE WHERE persistence_id = $1 AND sequence_nr <= $2 AND NOT deleted";

    public string UpsertSnapshot => $"""
        INSERT INTO {QuotedSchema}.snapshot_store (persistence_id, sequence_nr, created, manifest, payload)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (persistence_id, sequence_nr)
        DO UPDATE SET created = EXCLUDED.created, manifest = EXCLUDED.manifest, payload = EXCLUDED.payload
        """;

    public string DeleteSnapshotsTo =>
        $"DELETE FROM {QuotedSchema}.snapshot_store WHERE persistence_id = $1 AND sequence_nr <= $2";

    public string SelectEventsPage => $"""
        SELECT ordering, sequence_nr, created, manifest, payload FROM {QuotedSchema}.event_journal
        WHERE persistence_id = $1 AND sequence_nr >= $2 AND sequence_nr <= $3 AND NOT deleted
        ORDER BY sequence_nr LIMIT $4
        """;

    public string SelectLatestSnapshot => $"""
        SELECT sequence_nr, created, manifest, payload FROM {QuotedSchema}.snapshot_store
        WHERE persistence_id = $1 AND sequence_nr <= $2
        ORDER BY sequence_nr DESC LIMIT 1
        """;

    // persistence_id uses COLLATE "C" (byte order), so ids sharing a prefix are contiguous and the index serves the range.
    public string SelectIdsFirstPage =>
        $"SELECT DISTINCT persistence_id FROM {QuotedSchema}.event_journal WHERE persistence_id >= $1 ORDER BY persistence_id LIMIT $2";

    public string SelectIdsNextPage =>
        $"SELECT DISTINCT persistence_id FROM {QuotedSchema}.event_journal WHERE persistence_id > $1 ORDER BY persistence_id LIMIT $2";
}
