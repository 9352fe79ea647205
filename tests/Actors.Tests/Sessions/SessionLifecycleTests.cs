using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Sessions;

public sealed class SessionLifecycleTests
{
    private static readonly TenantId Tenant = TenantId.Default;

    [Fact]
    public async Task Children_StartOnFirstUse_ContextWithHistoryOrFilesOrConfig_AgentWithTheFirstTurn()
    {
        await using var system = await TestSessionSystems.StartAsync();
        var client = system.ForTenant(Tenant);
        var session = await client.CreateAsync();
        var keyed = await client.GetOrCreateAsync(SessionKey.Parse("lazy-children"));
        Assert.True(keyed.Created);
        await client.GetInfoAsync(session.Id);
        await client.GetOrCreateAsync(SessionKey.Parse("lazy-children"));

        // Identify round trips through the entity: an absent child is an answer, not a silence.
        async Task<bool> Has(SessionId id, string child)
        {
            try
            {
                await system.ActorSystem.ActorSelection($"/system/sharding/session/*/{id}/{child}").ResolveOne(TimeSpan.FromSeconds(10));
                return true;
            }
            catch (ActorNotFoundException)
            {
                return false;
            }
        }

        foreach (var id in new[] { session.Id, keyed.Session.Id })
        {
            Assert.False(await Has(id, "context"));
            Assert.False(await Has(id, "agent"));
        }

        Assert.Empty(await client.GetHistoryAsync(session.Id));
        Assert.True(await Has(session.Id, "context"));
        Assert.False(await Has(session.Id, "agent"));
        await client.SetConfigAsync(keyed.Session.Id, new SessionConfig { Voice = "calm" });
        Assert.True(await Has(keyed.Session.Id, "context"));

        Assert.Contains("remember", (await client.SendAsync(session.Id, "please remember this")).Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(await Has(session.Id, "agent"));
        Assert.Equal(SessionStatus.Active, (await client.GetInfoAsync(session.Id)).Status);
        Assert.Equal(2, (await client.GetInfoAsync(session.Id)).MessageCount);
    }

    [Fact]
    public async Task ANewSessionsFirstTurn_StartsItsContextAndAgent_AndIsRemembered()
    {
        await using var system = await TestSessionSystems.StartAsync();
        var client = system.ForTenant(Tenant);
        var sessions = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.GetOrCreateAsync(SessionKey.Parse($"first-turn-{i}"))));
        await Task.WhenAll(sessions.Select((s, i) => client.SendAsync(s.Session.Id, $"my name is canary{i}")));
        foreach (var (s, i) in sessions.Select((s, i) => (s, i)))
        {
            Assert.Contains($"canary{i}", (await client.SendAsync(s.Session.Id, "what is my name?")).Text, StringComparison.Ordinal);
            Assert.Equal(4, (await client.GetHistoryAsync(s.Session.Id)).Count);
        }
    }

    [Fact]
    public async Task IdleTimeout_NoActivity_MovesToIdleAndBackToActiveOnNextMessage()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSessionSystems.StartAsync(
            TestSessionSystems.Options(o => o with { IdleTimeout = TimeSpan.FromMinutes(5), PassivateIdleSessions = false }), time: time);
        var client = system.ForTenant(Tenant);
        var session = await client.CreateAsync();
        await using var recorder = await client.RecordEventsAsync(session.Id);

        time.Advance(TimeSpan.FromMinutes(5));

        await Eventually.AwaitAssertAsync(async () => Assert.Equal(SessionStatus.Idle, (await client.GetInfoAsync(session.Id)).Status));
        await client.SendAsync(session.Id, "wake up");
        Assert.Equal(SessionStatus.Active, (await client.GetInfoAsync(session.Id)).Status);
        await Eventually.AwaitAssertAsync(() => Assert.Equal(
            [(SessionStatus.Active, SessionStatus.Idle), (SessionStatus.Idle, SessionStatus.Active)],
            recorder.Events.OfType<SessionStatusChanged>().Select(e => (e.From, e.To))));
    }

    [Fact]
    public async Task IdleTimeout_InfoReadsInBetween_DoNotHoldItOff()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSessionSystems.StartAsync(
            TestSessionSystems.Options(o => o with { IdleTimeout = TimeSpan.FromMinutes(5), PassivateIdleSessions = false }), time: time);
        var client = system.ForTenant(Tenant);
        var session = await client.CreateAsync();
        await using var recorder = await client.RecordEventsAsync(session.Id);

        // A status probe or a dashboard reading the session every minute is not use: the session still goes idle at 5 min.
        for (var minute = 0; minute < 5; minute++)
        {
            Assert.Equal(SessionStatus.Active, (await client.GetInfoAsync(session.Id)).Status);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Eventually.AwaitAssertAsync(() => Assert.Contains(recorder.Events, e => e is SessionStatusChanged { To: SessionStatus.Idle }));
    }

    [Fact]
    public async Task IdleTimeout_WithPassivation_StateComesBackOnNextMessage()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSessionSystems.StartAsync(
            TestSessionSystems.Options(o => o with { IdleTimeout = TimeSpan.FromMinutes(5), PassivateIdleSessions = true }), time: time);
        var client = system.ForTenant(Tenant);
        var session = await client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { Voice = "alloy" } });
        await client.SendAsync(session.Id, "my name is Pat");
        var before = await system.EntityOf(Tenant, session.Id);
        var watcher = Inbox.Create(system.ActorSystem);
        watcher.Watch(before);

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.IsType<Terminated>(await watcher.ReceiveAsync(TimeSpan.FromSeconds(10)));
        var reply = await client.SendAsync(session.Id, "what is my name?");
        Assert.Contains("Pat", reply.Text);
        Assert.Equal("alloy", (await client.GetInfoAsync(session.Id)).Config.Voice);
        Assert.Equal(4, (await client.GetHistoryAsync(session.Id)).Count);
    }

    [Fact]
    public async Task Ttl_Expired_TerminatesAndCleansUp()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSessionSystems.StartAsync(
            TestSessionSystems.Options(o => o with { IdleTimeout = TimeSpan.FromHours(10), Ttl = TimeSpan.FromHours(1) }), time: time);
        var client = system.ForTenant(Tenant);
        var key = SessionKey.Parse("short-lived");
        var session = (await client.GetOrCreateAsync(key)).Session;
        var keeper = await client.CreateAsync();
        await using var recorder = await client.RecordEventsAsync();

        time.Advance(TimeSpan.FromMinutes(30));
        await client.SendAsync(keeper.Id, "still here");
        time.Advance(TimeSpan.FromMinutes(31));

        await Eventually.AwaitAssertAsync(async () => await Assert.ThrowsAsync<SessionNotFoundException>(() => client.GetInfoAsync(session.Id)));
        var terminated = await WaitForAsync(recorder, e => e is SessionTerminated t && t.SessionId == session.Id);
        Assert.Equal(TerminationReason.Expired, ((SessionTerminated)terminated).Reason);
        Assert.Equal(SessionStatus.Active, (await client.GetInfoAsync(keeper.Id)).Status);
        Assert.True((await client.GetOrCreateAsync(key)).Created);
    }

    [Fact]
    public async Task Ttl_PassivatedSession_IsWokenByTheSweepAndEndedWhileARecentOneStays()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSessionSystems.StartAsync(
            TestSessionSystems.Options(o => o with
            {
                IdleTimeout = TimeSpan.FromMinutes(5),
                PassivateIdleSessions = true,
                Ttl = TimeSpan.FromHours(1),
                TtlSweepInterval = TimeSpan.FromMinutes(10),
            }),
            time: time);
        var client = system.ForTenant(Tenant);

        // Each sweep reports itself once the next is scheduled: the barrier between advancing the clock and the next advance.
        var sweeps = Inbox.Create(system.ActorSystem);
        system.ActorSystem.EventStream.Subscribe(sweeps.Receiver, typeof(TtlSweepCompleted));
        var key = SessionKey.Parse("sleeps-past-its-ttl");
        var sleeper = (await client.GetOrCreateAsync(key)).Session;
        await client.SendAsync(sleeper.Id, "remember me");
        var recent = await client.CreateAsync();
        await using var recorder = await client.RecordEventsAsync();
        var entity = await system.EntityOf(Tenant, sleeper.Id);
        var watcher = Inbox.Create(system.ActorSystem);
        watcher.Watch(entity);

        // Idle: passivated, so no TTL timer of its own is left.
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<Terminated>(await watcher.ReceiveAsync(TimeSpan.FromSeconds(10)));

        // The other session stays active: a turn 50 minutes in (the sweep due at 10 minutes runs now, finding nothing).
        time.Advance(TimeSpan.FromMinutes(45));
        Assert.Equal(0, Assert.IsType<TtlSweepCompleted>(await sweeps.ReceiveAsync(TimeSpan.FromSeconds(10))).Nudged);
        await client.SendAsync(recent.Id, "still here");

        // Past the sleeper's TTL: the sweeps at 60, 70 and 80 minutes; from 70 on the sleeper is a candidate.
        var nudged = 0;
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            nudged += Assert.IsType<TtlSweepCompleted>(await sweeps.ReceiveAsync(TimeSpan.FromSeconds(10))).Nudged;
        }

        Assert.True(nudged >= 1);

        var terminated = await WaitForAsync(recorder, e => e is SessionTerminated t && t.SessionId == sleeper.Id);
        Assert.Equal(TerminationReason.Expired, ((SessionTerminated)terminated).Reason);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => client.GetInfoAsync(sleeper.Id));
        Assert.True((await client.GetOrCreateAsync(key)).Created);

        // The sweep that ended the sleeper also saw the recent session, which is well within its TTL.
        Assert.Equal(SessionStatus.Idle, (await client.GetInfoAsync(recent.Id)).Status);
        Assert.DoesNotContain(recorder.Events, e => e is SessionTerminated t && t.SessionId == recent.Id);
    }

    [Fact]
    public async Task Ttl_SweepWakesASessionTheListingShowsAsStale_ItDecidesFromItsOwnActivityAndStays()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSessionSystems.StartAsync(
            TestSessionSystems.Options(o => o with
            {
                IdleTimeout = TimeSpan.FromMinutes(5),
                PassivateIdleSessions = true,
                Ttl = TimeSpan.FromHours(1),
                TtlSweepInterval = TimeSpan.FromMinutes(10),
            }),
            time: time);
        var client = system.ForTenant(Tenant);
        var session = await client.CreateAsync();
        await client.SendAsync(session.Id, "my name is Pat");

        // Subscribed before it sleeps: subscribing to a session looks it up, which would wake it.
        await using var recorder = await client.RecordEventsAsync(session.Id);
        var entity = await system.EntityOf(Tenant, session.Id);
        var watcher = Inbox.Create(system.ActorSystem);
        watcher.Watch(entity);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<Terminated>(await watcher.ReceiveAsync(TimeSpan.FromSeconds(10)));

        // A listing row that lags (as a lost listing write would leave it): the sweep takes the session for expired.
        var row = (await system.Services.Directory.GetAsync(Tenant.Value, session.Id.ToString()))!;
        await system.Services.Directory.UpsertAsync(row with { LastActiveAt = row.LastActiveAt - TimeSpan.FromHours(2) });
        time.Advance(TimeSpan.FromMinutes(10));

        // The sweep woke it (a new incarnation exists), and it kept itself: its context knows the turn 15 minutes ago.
        var region = Akka.Cluster.Sharding.ClusterSharding.Get(system.ActorSystem).ShardRegion("session");
        await Eventually.AwaitAssertAsync(
            async () =>
            {
                var state = await region.Ask<Akka.Cluster.Sharding.CurrentShardRegionState>(Akka.Cluster.Sharding.GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
                Assert.Contains(session.Id.ToString(), state.Shards.SelectMany(shard => shard.EntityIds));
            },
            TimeSpan.FromSeconds(30));
        var reply = await client.SendAsync(session.Id, "what is my name?");
        Assert.Contains("Pat", reply.Text, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Active, (await client.GetInfoAsync(session.Id)).Status);
        Assert.DoesNotContain(recorder.Events, e => e is SessionTerminated or SessionStatusChanged { To: SessionStatus.Terminating });
    }

    private static async Task<SessionEvent> WaitForAsync(EventRecorder recorder, Func<SessionEvent, bool> match)
    {
        SessionEvent? found = null;
        await Eventually.AwaitAssertAsync(() => Assert.NotNull(found = recorder.Events.FirstOrDefault(match)));
        return found!;
    }
}
