using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Sqlite;
using JidoSessions.Persistence.Tests.Contracts;
using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Sqlite;

public sealed class SqliteSnapshotStoreTests : SnapshotStoreContractTests
{
    private readonly SqliteTestFile _file = new();

    protected override async Task<ISnapshotStore> CreateSnapshotStoreAsync() =>
        await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path));

    protected override Task DeleteStorageAsync()
    {
        _file.Delete();
        return Task.CompletedTask;
    }
}
