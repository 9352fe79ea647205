using JidoSessions.Persistence.Postgres;

namespace JidoSessions.Persistence.Tests.Support;

/// <summary>A fresh schema for one test class, dropped after the class ran.</summary>
public sealed class PostgresSchemaFixture : IAsyncLifetime
{
    private bool _used;

    public string Schema { get; } = PostgresTestEnvironment.NewSchemaName();

    /// <summary>Store options for this class's schema; fails the calling test when no server is configured.</summary>
    public PostgresStoreOptions Options()
    {
        var options = new PostgresStoreOptions(PostgresTestEnvironment.ConnectionString, Schema);
        _used = true;
        return options;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _used ? PostgresTestEnvironment.DropSchemaAsync(Schema) : Task.CompletedTask;
}
