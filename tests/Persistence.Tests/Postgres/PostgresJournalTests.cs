using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Postgres;
using JidoSessions.Persistence.Tests.Contracts;
using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Postgres;

public sealed class PostgresJournalTests(PostgresSchemaFixture database)
    : JournalContractTests, IClassFixture<PostgresSchemaFixture>
{
    protected override async Task<IJournal> CreateJournalAsync() =>
        await PostgresStore.OpenAsync(database.Options(), Clock);
}
