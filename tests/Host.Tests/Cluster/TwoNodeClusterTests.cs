using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster.Sharding;
using JidoSessions.Client;
using Microsoft.Extensions.DependencyInjection;
using JidoSessions.Host.Tests.Support;
using JidoSessions.Tests.Shared;

namespace JidoSessions.Host.Tests.Cluster;

/// <summary>
/// Two real hosts on loopback joined into one Akka.Cluster over one PostgreSQL database: keys stay unique across
/// nodes, a session answers with its memory through either node, and events cross nodes.
/// </summary>
public sealed class TwoNodeClusterTests : IAsyncLifetime
{
    private TestHost? _a;
    private TestHost? _b;

    private TestHost A => _a!;

    private TestHost B => _b!;

    public async Task InitializeAsync()
    {
        var postgres = TestPostgres.ConnectionString;
        var schema = "jido_cluster_" + Guid.NewGuid().ToString("N");
        var portA = FreePort();
        var portB = FreePort();
        var seed = string.Create(CultureInfo.InvariantCulture, $"akka.tcp://jido@127.0.0.1:{portA}");
        void Node(Dictionary<string, string?> settings, int port)
        {
            settings["jido:storage:provider"] = "postgres";
            settings["jido:storage:postgres:connection-string"] = postgres;
            settings["jido:storage:postgres:schema"] = schema;
            settings["akka:remote:dot-netty:tcp:port"] = port.ToString(CultureInfo.InvariantCulture);
            settings["akka:cluster:seed-nodes:0"] = seed;
        }

        _a = await TestHost.StartRealAsync(s => Node(s, portA));
        _b = await TestHost.StartRealAsync(s => Node(s, portB));
    }

    public async Task DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetOrCreate_1000ConcurrentSplitAcrossNodes_OneSessionId()
    {
        var key = SessionKey.Parse("shared-" + Guid.NewGuid().ToString("N"));
        var clients = new[] { A.AcmeClient(), B.AcmeClient() };

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => clients[i % 2].GetOrCreateAsync(key)));

        Assert.Single(results.Select(r => r.Session.Id).Distinct());
        Assert.Equal(1, results.Count(r => r.Created));
    }

    [Fact]
    public async Task Send_ThroughOtherNode_AnswersWithTheSessionsMemory()
    {
        var viaA = A.AcmeClient();
        var viaB = B.AcmeClient();
        var sessions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => viaA.CreateAsync()));
        await Task.WhenAll(sessions.Select((s, i) => viaA.SendAsync(s.Id, $"my name is Node{i}")));

        var replies = await Task.WhenAll(sessions.Select(s => viaB.SendAsync(s.Id, "what is my name?")));

        Assert.All(replies.Select((r, i) => (r, i)), x => Assert.Contains($"Node{x.i}", x.r.Text, StringComparison.Ordinal));
        var onA = await EntitiesOnAsync(A);
        Assert.Contains(sessions, s => onA.Contains(s.Id.ToString()));
    }

    [Fact]
    public async Task Subscribe_OnNodeB_SeesSessionCreatedOnNodeA()
    {
        await using var subscription = await B.AcmeClient().SubscribeAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = subscription.GetAsyncEnumerator(timeout.Token);
        var viaA = A.AcmeClient();

        // DistributedPubSub spreads B's subscription to A by gossip: keep creating on A (one at a time) until B hears
        // of one of them; then every id B heard of must be one A created.
        var created = new System.Collections.Concurrent.ConcurrentBag<SessionId>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var creating = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                created.Add((await viaA.CreateAsync(cancellationToken: timeout.Token)).Id);
            }
        });

        // The event must come from a session that lives on A: only then did it cross nodes.
        SessionCreated? seen = null;
        while (seen is null)
        {
            Assert.True(await events.MoveNextAsync());
            if (events.Current is SessionCreated c && (await EntitiesOnAsync(A)).Contains(c.SessionId.ToString()))
            {
                seen = c;
            }
        }

        await stop.CancelAsync();
        await creating;
        Assert.Contains(seen.SessionId, created);
        await events.DisposeAsync();
    }

    /// <summary>The session entities living on <paramref name="host"/>'s node.</summary>
    private static async Task<HashSet<string>> EntitiesOnAsync(TestHost host)
    {
        var region = ClusterSharding.Get(host.App.Services.GetRequiredService<ActorSystem>()).ShardRegion("session");
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return [.. state.Shards.SelectMany(shard => shard.EntityIds)];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
