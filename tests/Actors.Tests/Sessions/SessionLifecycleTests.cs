using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Sessions;

public sealed class SessionLifecycleTests
{
    private static readonly TenantId Tenant = TenantId.Default;

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

    private static async Task<SessionEvent> WaitForAsync(EventRecorder recorder, Func<SessionEvent, bool> match)
    {
        SessionEvent? found = null;
        await Eventually.AwaitAssertAsync(() => Assert.NotNull(found = recorder.Events.FirstOrDefault(match)));
        return found!;
    }
}
