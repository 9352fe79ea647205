using JidoSessions.Actors.Sessions;

namespace JidoSessions.Actors.Hosting;

/// <summary>Where sessions are stored.</summary>
public enum StorageProvider
{
    /// <summary>In process only: nothing survives a restart (tests, throwaway use).</summary>
    Memory,

    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server.</summary>
    Postgres,
}

/// <summary>Storage settings.</summary>
public sealed record StorageOptions
{
    /// <summary>Which store.</summary>
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>SQLite database file (created with its folder if missing).</summary>
    public string SqlitePath { get; init; } = "data/jido.db";

    /// <summary>SQLite durability: true for synchronous=FULL (default), false for NORMAL.</summary>
    public bool SqliteSynchronousFull { get; init; } = true;

    /// <summary>Npgsql connection string, for <see cref="StorageProvider.Postgres"/>.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>PostgreSQL schema for the tables.</summary>
    public string PostgresSchema { get; init; } = "public";

    /// <summary>
    /// Sessions replaying their journal at once (the rest wait their turn): akka.persistence.max-concurrent-recoveries.
    /// Null: 1,000 on SQLite (recoveries are local point reads, already bounded by the store's read pool; Akka's 50
    /// queued new sessions behind a permit: new sessions/s 3,334 -> 4,004 in the bench), Akka's 50 otherwise.
    /// </summary>
    public int? MaxConcurrentRecoveries { get; init; }

    /// <summary><see cref="MaxConcurrentRecoveries"/>, or the provider's default.</summary>
    internal int EffectiveMaxConcurrentRecoveries => MaxConcurrentRecoveries ?? (Provider == StorageProvider.Sqlite ? 1000 : 50);
}

/// <summary>How this node joins an Akka.Cluster (remoting address, seed nodes, roles).</summary>
public sealed record ClusterSettings
{
    /// <summary>Address remoting binds to (and other nodes reach this one at).</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>Remoting port; 0 picks a free one (fine for a single node).</summary>
    public int Port { get; init; }

    /// <summary>Seed node addresses (akka.tcp://{system}@host:port); empty = a single-node cluster that joins itself.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>Cluster roles of this node.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}

/// <summary>Settings of the session system; validated by <see cref="Validate"/> at start.</summary>
public sealed record SessionSystemOptions
{
    /// <summary>Actor system name.</summary>
    public string SystemName { get; init; } = "jido";

    /// <summary>Shards per region (sessions by id hash, keys by key hash); keep it ~10x the largest node count. Same on every node.</summary>
    public int Shards { get; init; } = 32;

    /// <summary>No activity for this long → status Idle (and passivated when <see cref="PassivateIdleSessions"/>).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>No activity for this long → the session is ended (reason Expired); null = never.</summary>
    public TimeSpan? Ttl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often each node looks in the listing for sessions idle for longer than <see cref="Ttl"/> and wakes them to
    /// end (a passivated session has no timer of its own): a passivated session outlives its TTL by at most this.
    /// </summary>
    public TimeSpan TtlSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Passivate idle sessions through sharding (their state stays in the journal; the next message re-activates them).</summary>
    public bool PassivateIdleSessions { get; init; } = true;

    /// <summary>Crashes of a session's context or agent tolerated within <see cref="RestartWindow"/> before the session fails.</summary>
    public int MaxRestarts { get; init; } = 3;

    /// <summary>The window crashes are counted in.</summary>
    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(1);



    /// <summary>Snapshot after this many events (context and directory).</summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>Longest user message accepted.</summary>
    public int MaxMessageChars { get; init; } = 32_000;

    /// <summary>How long a client waits for a non-turn request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a client waits for a turn (model calls can be slow).</summary>
    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Defaults for session config.</summary>
    public SessionDefaults Defaults { get; init; } = new();

    /// <summary>Storage.</summary>
    public StorageOptions Storage { get; init; } = new();

    /// <summary>How tokens are counted for context budgets (Auto: by the session's model name, o200k_base by default).</summary>
    public Llm.LlmTokenizer Tokenizer { get; init; } = Llm.LlmTokenizer.Auto;

    /// <summary>Cluster membership of this node.</summary>
    public ClusterSettings Cluster { get; init; } = new();

    /// <summary>Extra HOCON for the actor system (applied over the defaults), e.g. from the host's <c>akka { }</c> section.</summary>
    public string? AkkaHocon { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(Shards is >= 1 and <= 1024, nameof(Shards), "must be 1-1024");
        Require(IdleTimeout > TimeSpan.Zero, nameof(IdleTimeout), "must be positive");
        Require(TtlSweepInterval > TimeSpan.Zero, nameof(TtlSweepInterval), "must be positive");
        Require(Ttl is null || Ttl > TimeSpan.Zero, nameof(Ttl), "must be positive or null");
        Require(MaxRestarts >= 0, nameof(MaxRestarts), "must not be negative");
        Require(RestartWindow > TimeSpan.Zero, nameof(RestartWindow), "must be positive");
        Require(SnapshotEvery >= 1, nameof(SnapshotEvery), "must be at least 1");
        Require(MaxMessageChars >= 1, nameof(MaxMessageChars), "must be at least 1");
        Require(RequestTimeout > TimeSpan.Zero && TurnTimeout > TimeSpan.Zero, nameof(RequestTimeout), "timeouts must be positive");
        Require(Defaults.MaxHistory >= 1 && Defaults.MaxFiles >= 0 && Defaults.TokenBudget >= 64, nameof(Defaults), "MaxHistory >= 1, MaxFiles >= 0, TokenBudget >= 64");
        Require(Cluster.Port is >= 0 and <= 65535, "Cluster.Port", "must be 0-65535");
        Require(!string.IsNullOrWhiteSpace(Cluster.Hostname), "Cluster.Hostname", "is required");
        Require(Storage.MaxConcurrentRecoveries is null or >= 1, "Storage.MaxConcurrentRecoveries", "must be at least 1");
        Require(Storage.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(Storage.PostgresConnectionString),
            "Storage.PostgresConnectionString", "is required when the provider is Postgres");
        Require(Storage.Provider != StorageProvider.Sqlite || !string.IsNullOrWhiteSpace(Storage.SqlitePath), "Storage.SqlitePath", "is required when the provider is Sqlite");
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"SessionSystemOptions.{name} {problem}.");
        }
    }
}
