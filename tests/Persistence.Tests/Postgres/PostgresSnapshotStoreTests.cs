using JidoSessions.Persistence.Postgres;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Tests.Contracts;
using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Postgres;

public sealed class PostgresSnapshotStoreTests(PostgresSchemaFixture database)
    : SnapshotStoreContractTests, IClassFixture<PostgresSchemaFixture>
{
    protected override async Task<ISnapshotStore> CreateSnapshotStoreAsync() =>
        await PostgresStore.OpenAsync(database.Options());
}
