using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.Bench.Sessions;

/// <summary>
/// The sessions bench's workloads, written against the public in-process API only (SessionSystem.StartAsync,
/// SessionSystemOptions, ISessionClient), which the commit before the Akka migration has too: eng/bench-sessions.sh
/// compiles this same file against that commit (in a git worktree) to measure the baseline in the same run.
/// Each method returns one figure; the caller takes the median of its trials.
/// </summary>
public static class SessionWorkloads
{
    /// <summary>Process CPU time per session of the last <see cref="NewSessionsPerSecondAsync"/> run, in µs (all threads).</summary>
    public static double LastCpuMicrosecondsPerSession { get; private set; }

    /// <summary>Share of the last <see cref="NewSessionsPerSecondAsync"/> run's wall time spent in GC pauses.</summary>
    public static double LastGcPauseShare { get; private set; }

    /// <summary>Managed bytes allocated per session in the last <see cref="NewSessionsPerSecondAsync"/> run (all threads).</summary>
    public static double LastBytesAllocatedPerSession { get; private set; }

    /// <summary>Get-or-create on fresh keys, <paramref name="concurrency"/> at a time: sessions per second.</summary>
    public static async Task<double> NewSessionsPerSecondAsync(string folder, int count, int concurrency)
    {
        await using var system = await SessionSystem.StartAsync(SqliteOptions(folder, "new"));
        var client = system.ForTenant(TenantId.Default);
        var prefix = Guid.NewGuid().ToString("N");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var alloc = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        await ForEachAsync(count, concurrency, i => client.GetOrCreateAsync(SessionKey.Parse($"{prefix}-{i}")));
        var elapsed = Stopwatch.GetElapsedTime(started);
        LastCpuMicrosecondsPerSession = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
        LastGcPauseShare = (GC.GetTotalPauseDuration() - pause) / elapsed;
        LastBytesAllocatedPerSession = (GC.GetTotalAllocatedBytes() - alloc) / (double)count;
        return count / elapsed.TotalSeconds;
    }

    /// <summary>
    /// Get-or-create on fresh keys, each followed by the session's first turn (zero-latency model),
    /// <paramref name="concurrency"/> at a time: sessions per second. What a voice or chat gateway does with a new caller.
    /// </summary>
    public static async Task<double> NewSessionsWithFirstTurnPerSecondAsync(string folder, int count, int concurrency)
    {
        await using var system = await SessionSystem.StartAsync(SqliteOptions(folder, "new-turn"), new ZeroLatencyChatClient());
        var client = system.ForTenant(TenantId.Default);
        var prefix = Guid.NewGuid().ToString("N");
        var started = Stopwatch.GetTimestamp();
        await ForEachAsync(count, concurrency, async i =>
        {
            var session = await client.GetOrCreateAsync(SessionKey.Parse($"{prefix}-{i}"));
            await client.SendAsync(session.Session.Id, "hello");
        });
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Turns per second across <paramref name="sessions"/> sessions at once (one turn at a time each), zero-latency model.</summary>
    public static async Task<double> TurnsPerSecondAsync(string folder, int sessions, int turnsEach)
    {
        await using var system = await SessionSystem.StartAsync(SqliteOptions(folder, "turns"), new ZeroLatencyChatClient());
        var client = system.ForTenant(TenantId.Default);
        var ids = new SessionId[sessions];
        await ForEachAsync(sessions, 64, async i => ids[i] = (await client.CreateAsync()).Id);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(ids.Select(async id =>
        {
            for (var t = 0; t < turnsEach; t++)
            {
                await client.SendAsync(id, "ping " + t.ToString(CultureInfo.InvariantCulture));
            }
        }));
        return sessions * turnsEach / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>p50 and p99 (µs) of a whole turn with a zero-latency model, one turn at a time: the time spent outside the model.</summary>
    public static async Task<(double P50, double P99)> TurnOverheadAsync(string folder, int turns)
    {
        await using var system = await SessionSystem.StartAsync(SqliteOptions(folder, "overhead"), new ZeroLatencyChatClient());
        var client = system.ForTenant(TenantId.Default);
        var ids = new List<SessionId>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await client.CreateAsync()).Id);
        }

        var samples = new double[turns];
        for (var t = 0; t < turns; t++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.SendAsync(ids[t % ids.Count], "ping");
            samples[t] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(samples);
        return (samples[turns / 2], samples[(int)(turns * 0.99)]);
    }

    /// <summary>
    /// Managed bytes per live, idle session. With <paramref name="sqliteFolder"/> null the store is in memory, so the
    /// journal's copies of every event and the listing rows are counted too; on SQLite (the default store) those rows
    /// live in the database, and only what the session itself keeps in the managed heap is counted. With
    /// <paramref name="afterOneTurn"/> each session has had one turn (zero-latency model), so it holds its context and
    /// agent and two messages; without, it was created and read only.
    /// </summary>
    public static async Task<double> BytesPerIdleSessionAsync(int count, string? sqliteFolder = null, bool afterOneTurn = false)
    {
        await using var system = await SessionSystem.StartAsync(sqliteFolder is null
            ? new SessionSystemOptions
            {
                IdleTimeout = TimeSpan.FromHours(1),
                Ttl = null,
                Storage = new StorageOptions { Provider = StorageProvider.Memory },
            }
            : SqliteOptions(sqliteFolder, afterOneTurn ? "memory-turn" : "memory"), new ZeroLatencyChatClient());
        var client = system.ForTenant(TenantId.Default);
        var warm = await client.CreateAsync();
        if (afterOneTurn)
        {
            await client.SendAsync(warm.Id, "hello");
        }

        var before = Settle();
        var ids = new SessionId[count];
        await ForEachAsync(count, 64, async i => ids[i] = (await client.CreateAsync()).Id);
        if (afterOneTurn)
        {
            await ForEachAsync(count, 64, i => client.SendAsync(ids[i], "hello"));
        }

        // Every session answered a request, so it is live (not passivated).
        await ForEachAsync(count, 64, i => client.GetInfoAsync(ids[i]));
        var after = Settle();
        GC.KeepAlive(ids);
        return (after - before) / (double)count;
    }

    /// <summary>Milliseconds until the first answer of a session whose context holds <paramref name="events"/> events, after a restart.</summary>
    public static async Task<double> RecoveryMillisecondsAsync(string folder, int events)
    {
        var options = SqliteOptions(folder, "recovery");
        SessionId id;
        await using (var system = await SessionSystem.StartAsync(options, new ZeroLatencyChatClient()))
        {
            var client = system.ForTenant(TenantId.Default);
            id = (await client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { MaxHistory = events } })).Id;
            for (var t = 0; t < events / 2; t++)
            {
                await client.SendAsync(id, "turn " + t.ToString(CultureInfo.InvariantCulture));
            }
        }

        await using var restarted = await SessionSystem.StartAsync(options, new ZeroLatencyChatClient());
        var started = Stopwatch.GetTimestamp();
        var history = await restarted.ForTenant(TenantId.Default).GetHistoryAsync(id);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return history.Count >= events / 2 ? elapsed : throw new InvalidOperationException($"Recovered {history.Count} of {events} messages.");
    }

    /// <summary>Seconds from start to the first answered listing, with <paramref name="stored"/> sessions in the store.</summary>
    public static async Task<double> ReadySecondsAsync(string folder, int stored)
    {
        var options = SqliteOptions(folder, "ready");
        await using (var system = await SessionSystem.StartAsync(options))
        {
            var client = system.ForTenant(TenantId.Default);
            await ForEachAsync(stored, 64, _ => client.CreateAsync());
        }

        var started = Stopwatch.GetTimestamp();
        await using var restarted = await SessionSystem.StartAsync(options);
        var page = await restarted.ForTenant(TenantId.Default).ListAsync(new ListSessionsQuery(Limit: 1));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return page.Total >= stored ? elapsed : throw new InvalidOperationException($"Listed {page.Total} of {stored} sessions.");
    }

    private static SessionSystemOptions SqliteOptions(string folder, string name) => new()
    {
        IdleTimeout = TimeSpan.FromHours(1),
        Ttl = null,
        Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(folder, name + "-" + Guid.NewGuid().ToString("N") + ".db") },
    };

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task ForEachAsync(int count, int concurrency, Func<int, Task> body)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await body(i);
            }
        }));
    }

    /// <summary>A model that answers at once with a fixed text.</summary>
    private sealed class ZeroLatencyChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "pong")));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield return new ChatResponseUpdate(ChatRole.Assistant, "pong");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
