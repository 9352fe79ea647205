using JidoSessions.Persistence.Writing;
using Npgsql;

namespace JidoSessions.Persistence.Postgres;

/// <summary>Collects consecutive appends into the column arrays of one multi-row INSERT.</summary>
internal sealed class AppendRun
{
    private readonly List<string> _persistenceIds = [];
    private readonly List<long> _sequenceNrs = [];
    private readonly List<string> _manifests = [];
    private readonly List<string> _payloads = [];

    public void Add(AppendOperation append)
    {
        foreach (var @event in append.Events)
        {
            _persistenceIds.Add(append.PersistenceId);
            _sequenceNrs.Add(@event.SequenceNr);
            _manifests.Add(@event.Manifest);
            _payloads.Add(@event.Payload);
        }
    }

    /// <summary>Adds the INSERT for everything collected so far (if anything) to <paramref name="batch"/> and starts over.</summary>
    public void FlushInto(NpgsqlBatch batch, PostgresSql sql, DateTimeOffset created)
    {
        if (_persistenceIds.Count == 0)
        {
            return;
        }

        var insert = new NpgsqlBatchCommand(sql.InsertEvents);
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = created });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _persistenceIds] });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. _sequenceNrs] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _manifests] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _payloads] });
        batch.BatchCommands.Add(insert);
        _persistenceIds.Clear();
        _sequenceNrs.Clear();
        _manifests.Clear();
        _payloads.Clear();
    }
}
