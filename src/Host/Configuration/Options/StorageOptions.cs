namespace JidoSessions.Host.Configuration.Options;

/// <summary>Where sessions are journaled.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server.</summary>
    Postgres,

    /// <summary>In memory only: nothing survives a restart (tests, demos).</summary>
    Memory,
}

/// <summary>SQLite's <c>PRAGMA synchronous</c>.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>fsync at checkpoints: in WAL mode a power loss may lose the last commits.</summary>
    Normal,

    /// <summary>fsync every commit (the default): acknowledged means durable.</summary>
    Full,
}

/// <summary><c>jido.storage</c>.</summary>
public sealed record StorageOptions
{
    /// <summary><c>provider</c>: sqlite, postgres or memory.</summary>
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary><c>sqlite.path</c>: the database file, relative to the working directory.</summary>
    public string SqlitePath { get; init; } = "data/jido.db";

    /// <summary><c>sqlite.synchronous</c>.</summary>
    public SqliteSynchronousMode SqliteSynchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary><c>postgres.connection-string</c>: required when <see cref="Provider"/> is postgres.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>postgres.schema</c>: the schema holding the journal, snapshot and directory tables.</summary>
    public string PostgresSchema { get; init; } = "public";
}
