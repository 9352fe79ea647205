using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Client;

/// <summary>
/// What every <see cref="ISessionClient"/> must do, whatever carries it (in-process actors, HTTP).
/// Subclasses start a backend in <see cref="StartBackendAsync"/> and hand out tenant-scoped clients.
/// </summary>
public abstract partial class SessionClientContractTests : IAsyncLifetime
{
    protected static readonly TenantId Acme = TenantId.Parse("acme");
    protected static readonly TenantId Globex = TenantId.Parse("globex");

    /// <summary>Starts the backend once per test.</summary>
    protected abstract Task StartBackendAsync();

    /// <summary>Stops it.</summary>
    protected abstract Task StopBackendAsync();

    /// <summary>A client for <paramref name="tenant"/> against the running backend.</summary>
    protected abstract ISessionClient ClientFor(TenantId tenant);

    protected ISessionClient Client => ClientFor(Acme);

    public Task InitializeAsync() => StartBackendAsync();

    public Task DisposeAsync() => StopBackendAsync();

    /// <summary>Every event of <paramref name="subscription"/> up to and including the first <see cref="SessionTerminated"/> (10 s at most).</summary>
    protected static async Task<List<SessionEvent>> ReadUntilTerminatedAsync(SessionSubscription subscription)
    {
        var seen = new List<SessionEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var @event in subscription.WithCancellation(timeout.Token))
        {
            seen.Add(@event);
            if (@event is SessionTerminated)
            {
                break;
            }
        }

        return seen;
    }

    [Fact]
    public async Task Create_NewSession_IsActiveWithItsConfig()
    {
        var session = await Client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { Voice = "alloy" } });

        Assert.Equal(SessionStatus.Active, session.Status);
        Assert.Equal(Acme, session.Tenant);
        Assert.Equal("alloy", session.Config.Voice);
        Assert.Null(session.Key);
        Assert.Equal(session, await Client.GetInfoAsync(session.Id));
    }

    [Fact]
    public async Task GetOrCreate_SameKeyTwice_AdoptsTheFirstSession()
    {
        var key = SessionKey.Parse("agent:main:user:c1");

        var first = await Client.GetOrCreateAsync(key);
        var second = await Client.GetOrCreateAsync(key);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Session.Id, second.Session.Id);
        Assert.Equal(key, second.Session.Key);
    }

    [Fact]
    public async Task GetOrCreate_ManyConcurrentCallers_ConvergeOnOneSession()
    {
        for (var round = 0; round < 3; round++)
        {
            var key = SessionKey.Parse($"race-{round}");

            var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => Client.GetOrCreateAsync(key))));

            Assert.Single(results.Select(r => r.Session.Id).Distinct());
            Assert.Single(results, r => r.Created);
        }
    }

    [Fact]
    public async Task GetOrCreate_SameKeyOtherTenant_IsAnotherSession()
    {
        var key = SessionKey.Parse("shared-name");

        var mine = await Client.GetOrCreateAsync(key);
        var theirs = await ClientFor(Globex).GetOrCreateAsync(key);

        Assert.NotEqual(mine.Session.Id, theirs.Session.Id);
        Assert.True(theirs.Created);
    }

    [Fact]
    public async Task Terminate_OneSession_LeavesTheOtherAndFreesTheKey()
    {
        var key = SessionKey.Parse("ending");
        var ending = (await Client.GetOrCreateAsync(key)).Session.Id;
        var staying = (await Client.CreateAsync()).Id;
        await Client.SendAsync(staying, "remember pineapple");

        await Client.TerminateAsync(ending);

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.GetInfoAsync(ending));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.SendAsync(ending, "anyone?"));
        Assert.Contains("pineapple", (await Client.SendAsync(staying, "what did I ask you to remember?")).Text);
        var again = await Client.GetOrCreateAsync(key);
        Assert.True(again.Created);
        Assert.NotEqual(ending, again.Session.Id);
        Assert.Empty(await Client.GetHistoryAsync(again.Session.Id));
    }

    [Fact]
    public async Task Terminate_UnknownSession_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.TerminateAsync(SessionId.New()));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task GetInfo_AnotherTenantsSession_LooksUnknown()
    {
        var theirs = await ClientFor(Globex).CreateAsync();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.GetInfoAsync(theirs.Id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.SendAsync(theirs.Id, "hijack"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.TerminateAsync(theirs.Id));
        Assert.Equal(SessionStatus.Active, (await ClientFor(Globex).GetInfoAsync(theirs.Id)).Status);
    }
}
