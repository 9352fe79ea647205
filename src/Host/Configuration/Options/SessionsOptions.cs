namespace JidoSessions.Host.Configuration.Options;

/// <summary><c>jido.sessions</c>: how sessions live and are kept. Defaults are those of <c>hocon/jido.conf</c>.</summary>
public sealed record SessionsOptions
{
    /// <summary><c>shards</c>: session shards (1–1024).</summary>
    public int Shards { get; init; } = 32;

    /// <summary><c>idle-timeout</c>: an idle session passivates after this.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>ttl</c>: a session with no activity for this long terminates.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(24);

    /// <summary><c>ttl-sweep-interval</c>: how often a node wakes passivated sessions whose TTL ran out, to end them.</summary>
    public TimeSpan TtlSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>max-history</c>: default messages kept per session.</summary>
    public int MaxHistory { get; init; } = 200;

    /// <summary><c>max-files</c>: default active files per session.</summary>
    public int MaxFiles { get; init; } = 50;

    /// <summary><c>token-budget</c>: default context token budget per turn.</summary>
    public int TokenBudget { get; init; } = 8000;

    /// <summary><c>max-restarts</c>: child failures tolerated within <see cref="RestartWindow"/> before a session fails.</summary>
    public int MaxRestarts { get; init; } = 3;

    /// <summary><c>restart-window</c>.</summary>
    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>snapshot-every</c>: journal events between snapshots of a session's context.</summary>
    public int SnapshotEvery { get; init; } = 100;
}
