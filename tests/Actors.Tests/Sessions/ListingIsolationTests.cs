using Akka.Configuration;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Persistence;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;
using JidoSessions.Persistence.Directory;

namespace JidoSessions.Actors.Tests.Sessions;

/// <summary>
/// A listing never holds up another tenant (issue #11, defect 10): the directory read of a listing may block its thread
/// (Microsoft.Data.Sqlite's "async" reads run synchronously), and while it does every other tenant's get-or-create and
/// by-key lookup still answers. On the build before the fix the node's SessionManager ran the read on its own thread,
/// so these requests waited for it.
/// </summary>
public sealed class ListingIsolationTests()
    : Akka.TestKit.Xunit2.TestKit(SessionSystemBootstrap.Config.WithFallback(ConfigurationFactory.ParseString("akka.loglevel = ERROR")))
{
    [Fact]
    public async Task ABlockedListing_OtherTenantsGetOrCreateAndLookups_StillAnswer()
    {
        var directory = new BlockingListings(new InMemoryDirectoryStore());
        var system = await SessionSystemBootstrap.StartAsync(Sys, TestSessionSystems.Options(), directory: directory);
        var noisy = system.ForTenant(TenantId.Parse("noisy"));
        var quiet = system.ForTenant(TenantId.Parse("quiet"));
        var known = (await quiet.GetOrCreateAsync(SessionKey.Parse("known"))).Session.Id;

        var listing = noisy.ListAsync();
        Assert.True(directory.Entered.Wait(TimeSpan.FromSeconds(10)), "the listing never reached the directory");

        for (var i = 0; i < 20; i++)
        {
            var created = await quiet.GetOrCreateAsync(SessionKey.Parse($"while-listing-{i}")).WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(created.Created);
            Assert.Equal(known, (await quiet.FindByKeyAsync(SessionKey.Parse("known")).WaitAsync(TimeSpan.FromSeconds(5)))!.Id);
        }

        // The barrier: the listing was still held all along, and completes once released.
        Assert.False(listing.IsCompleted);
        directory.Release.Set();
        Assert.Equal(0, (await listing).Total);
    }

    /// <summary>A directory whose listings of tenant "noisy" block their thread until <see cref="Release"/> is set.</summary>
    private sealed class BlockingListings(ISessionDirectoryStore inner) : ISessionDirectoryStore
    {
        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public Task UpsertAsync(DirectoryEntry entry, CancellationToken cancellationToken = default) => inner.UpsertAsync(entry, cancellationToken);

        public Task RemoveAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) => inner.RemoveAsync(tenant, sessionId, cancellationToken);

        public Task<DirectoryPage> ListAsync(string tenant, string? status, int offset, int limit, CancellationToken cancellationToken = default)
        {
            if (tenant == "noisy")
            {
                Entered.Set();
                Release.Wait(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return inner.ListAsync(tenant, status, offset, limit, cancellationToken);
        }

        public Task<DirectoryEntry?> GetAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) => inner.GetAsync(tenant, sessionId, cancellationToken);

        public Task<IReadOnlyList<DirectoryEntry>> ListIdleAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
            inner.ListIdleAsync(before, limit, cancellationToken);
    }
}
