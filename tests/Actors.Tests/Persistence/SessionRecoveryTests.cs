using System.Diagnostics;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;
using JidoSessions.Tests.Shared;

namespace JidoSessions.Actors.Tests.Persistence;

/// <summary>Restart without loss: a clean stop on the embedded SQLite store, and a SIGKILL mid-load on SQLite and on PostgreSQL.</summary>
public sealed class SessionRecoveryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jido-recovery-").FullName;

    private string DbPath => Path.Combine(_folder, "sessions.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SessionSystemOptions SqliteOptions() => TestSessionSystems.Options(o => o with
    {
        Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = DbPath },
        SnapshotEvery = 7,
    });

    [Fact]
    public async Task StopAndStart_OnTheSameDatabase_EverySessionKeyConfigAndMessageIsBack()
    {
        var expected = new List<(SessionKey Key, SessionId Id, string Voice, string[] Messages)>();
        await using (var first = await TestSessionSystems.StartAsync(SqliteOptions()))
        {
            var client = first.ForTenant(TenantId.Default);
            await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
            {
                var key = SessionKey.Parse($"durable-{i}");
                var id = (await client.GetOrCreateAsync(key)).Session.Id;
                await client.SetConfigAsync(id, new SessionConfig
                {
                    Voice = $"voice-{i}",
                    MaxHistory = 50,
                    Metadata = new Dictionary<string, string> { ["Customer-ID"] = $"C{i}", ["lowerKey"] = "x" },
                });
                var messages = Enumerable.Range(0, 6).Select(n => $"message {n} of {i}").ToArray();
                foreach (var message in messages)
                {
                    await client.SendAsync(id, message);
                }

                lock (expected)
                {
                    expected.Add((key, id, $"voice-{i}", messages));
                }
            }));
        }

        await using var second = await TestSessionSystems.StartAsync(SqliteOptions());
        var again = second.ForTenant(TenantId.Default);

        Assert.Equal(12, (await again.ListAsync()).Total);
        foreach (var (key, id, voice, messages) in expected)
        {
            var adopted = await again.GetOrCreateAsync(key);
            Assert.False(adopted.Created);
            Assert.Equal(id, adopted.Session.Id);
            Assert.Equal(voice, adopted.Session.Config.Voice);
            Assert.Equal(["Customer-ID", "lowerKey"], adopted.Session.Config.Metadata!.Keys.Order(StringComparer.Ordinal));
            var history = await again.GetHistoryAsync(id);
            Assert.Equal(messages, history.Where(h => h.Role == MessageRole.User).Select(h => h.Text));
            Assert.Contains("message 0 of", (await again.SendAsync(id, "what did I say first?")).Text);
        }
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Sigkill_MidLoad_EveryAcknowledgedOperationSurvives(StorageProvider provider)
    {
        var schema = "jido_sigkill_" + Guid.NewGuid().ToString("N");
        string[] store = provider == StorageProvider.Sqlite ? ["sqlite", DbPath] : ["postgres", TestPostgres.ConnectionString, schema];
        var acknowledged = await RunWorkerUntilKilledAsync(store, minimumAcks: 150);

        await using var system = await TestSessionSystems.StartAsync(provider == StorageProvider.Sqlite
            ? SqliteOptions()
            : TestSessionSystems.Options(o => o with
            {
                Storage = new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = TestPostgres.ConnectionString, PostgresSchema = schema },
            }));
        var client = system.ForTenant(TenantId.Default);

        var sessions = acknowledged.Where(a => a[0] == "session").ToArray();
        Assert.NotEmpty(sessions);
        foreach (var ack in sessions)
        {
            var adopted = await client.GetOrCreateAsync(SessionKey.Parse(ack[1]));
            Assert.False(adopted.Created, $"session {ack[1]} was acknowledged but recreated after the crash");
            Assert.Equal(ack[2], adopted.Session.Id.ToString());
        }

        foreach (var ack in acknowledged.Where(a => a[0] == "config"))
        {
            Assert.Equal(ack[2], (await client.GetInfoAsync(SessionId.Parse(ack[1]))).Config.Voice);
        }

        foreach (var group in acknowledged.Where(a => a[0] == "message").GroupBy(a => a[1]))
        {
            var stored = (await client.GetHistoryAsync(SessionId.Parse(group.Key))).Select(h => h.Text).ToHashSet();
            Assert.All(group, ack => Assert.Contains(ack[2], stored));
        }
    }

    private static async Task<List<string[]>> RunWorkerUntilKilledAsync(string[] store, int minimumAcks)
    {
        var worker = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "CrashWorker", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "JidoSessions.CrashWorker.dll"));
        Assert.True(File.Exists(worker), $"crash worker not built at {worker}");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [worker, .. store, "4"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;

        var acknowledged = new List<string[]>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (acknowledged.Count < minimumAcks)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"worker exited early: {await process.StandardError.ReadToEndAsync()}");
                if (line != "ready")
                {
                    acknowledged.Add(line.Split(' ', 3));
                }
            }
        }
        finally
        {
            // SIGKILL: no shutdown hooks, no flush, the journal must already hold every acknowledged write.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return acknowledged;
    }
}
