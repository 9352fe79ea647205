namespace JidoSessions.Tests.Shared;

/// <summary>
/// The PostgreSQL server of the storage and cluster tests: <c>JIDO_TEST_POSTGRES</c>, set by eng/test.sh (a missing
/// server fails the test). Compiled into Actors.Tests and Host.Tests as a linked file.
/// </summary>
internal static class TestPostgres
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("JIDO_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "JIDO_TEST_POSTGRES is not set: start a throwaway server with `eval \"$(eng/pg-test-cluster.sh start)\"` and run the tests again.");
}
