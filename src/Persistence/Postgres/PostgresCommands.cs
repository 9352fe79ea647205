using JidoSessions.Persistence.Writing;
using Npgsql;

namespace JidoSessions.Persistence.Postgres;

/// <summary>Builds the batch command for a non-append write operation.</summary>
internal static class PostgresCommands
{
    public static NpgsqlBatchCommand For(WriteOperation operation, PostgresSql sql)
    {
        switch (operation)
        {
            case DeleteMessagesOperation delete:
                return Command(sql.DeleteEventsTo, delete.PersistenceId, delete.ToSequenceNr);
            case SaveSnapshotOperation save:
                var snapshot = save.Snapshot;
                var upsert = Command(sql.UpsertSnapshot, snapshot.PersistenceId, snapshot.SequenceNr);
                upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StoreClock.ToStoredPrecision(snapshot.Created) });
                upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.Manifest });
                upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.Payload });
                return upsert;
            case DeleteSnapshotsOperation deleteSnapshots:
                return Command(sql.DeleteSnapshotsTo, deleteSnapshots.PersistenceId, deleteSnapshots.MaxSequenceNr);
            default:
                throw new InvalidOperationException($"No PostgreSQL command for write operation {operation.GetType().Name}.");
        }
    }

    private static NpgsqlBatchCommand Command(string text, string persistenceId, long sequenceNr)
    {
        var command = new NpgsqlBatchCommand(text);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequenceNr });
        return command;
    }
}
