using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Persistence;

/// <summary>How many recoveries Akka runs at once, per store: the option when set, else the store's default.</summary>
public sealed class ConcurrentRecoveriesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jido-recoveries-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(StorageProvider.Sqlite, null, 1000)]
    [InlineData(StorageProvider.Sqlite, 7, 7)]
    [InlineData(StorageProvider.Memory, null, 50)]
    [InlineData(StorageProvider.Memory, 300, 300)]
    public async Task MaxConcurrentRecoveries_ReachesAkka(StorageProvider provider, int? configured, int expected)
    {
        await using var system = await TestSessionSystems.StartAsync(TestSessionSystems.Options(o => o with
        {
            Storage = new StorageOptions { Provider = provider, SqlitePath = Path.Combine(_folder, "sessions.db"), MaxConcurrentRecoveries = configured },
        }));

        Assert.Equal(expected, system.ActorSystem.Settings.Config.GetInt("akka.persistence.max-concurrent-recoveries"));

        // And sessions still open and answer under that setting.
        var client = system.ForTenant(TenantId.Default);
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => (await client.CreateAsync()).Id));
        Assert.All(await Task.WhenAll(ids.Select(id => client.GetInfoAsync(id))), info => Assert.Equal(SessionStatus.Active, info.Status));
    }
}
