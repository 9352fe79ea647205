using Npgsql;

namespace JidoSessions.Persistence.Tests.Support;

/// <summary>Where the PostgreSQL tests find their server: the <c>JIDO_TEST_POSTGRES</c> environment variable.</summary>
internal static class PostgresTestEnvironment
{
    public const string Variable = "JIDO_TEST_POSTGRES";

    /// <summary>
    /// The connection string, or an exception that fails the test. A missing server is a failure, never a skip:
    /// a silently skipped suite would hide a broken store.
    /// </summary>
    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"{Variable} is not set, so the PostgreSQL store cannot be tested. Start a throwaway server with " +
                    "`eval \"$(eng/pg-test-cluster.sh start)\"` from the repository root (or set " +
                    $"{Variable} to an Npgsql connection string) and run the tests again.");
            }

            // Several test classes run in parallel; a small pool per store keeps them under max_connections.
            return new NpgsqlConnectionStringBuilder(value) { MaxPoolSize = 10 }.ConnectionString;
        }
    }

    public static string NewSchemaName() => $"jido_test_{Guid.NewGuid():N}";

    public static async Task DropSchemaAsync(string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}
