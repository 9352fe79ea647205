namespace JidoSessions.Persistence.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> setting for the writer connection (the database runs in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>No fsync: a power loss may lose or corrupt recent commits. Only for throwaway data.</summary>
    Off = 0,

    /// <summary>fsync at checkpoints only: a power loss may lose the latest commits, never corrupts.</summary>
    Normal = 1,

    /// <summary>fsync of the WAL on every commit: an acknowledged append survives a power loss. The default.</summary>
    Full = 2,

    /// <summary>Like <see cref="Full"/>, plus a directory sync when the WAL is created or reset.</summary>
    Extra = 3,
}
