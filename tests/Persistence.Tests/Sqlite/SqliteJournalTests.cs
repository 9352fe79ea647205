using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Sqlite;
using JidoSessions.Persistence.Tests.Contracts;
using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Sqlite;

public sealed class SqliteJournalTests : JournalContractTests
{
    private readonly SqliteTestFile _file = new();

    protected override async Task<IJournal> CreateJournalAsync() =>
        await SqliteStore.OpenAsync(new SqliteStoreOptions(_file.Path), Clock);

    protected override Task DeleteStorageAsync()
    {
        _file.Delete();
        return Task.CompletedTask;
    }
}
