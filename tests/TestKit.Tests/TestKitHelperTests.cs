using Akka.TestKit.Xunit2;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using JidoSessions.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Acme.SupportDesk.Tests;

/// <summary>Each helper of JidoSessions.TestKit, used as a user's suite would use it.</summary>
public sealed class TestKitHelperTests() : TestKit(JidoSessionsTestKit.Config)
{
    private static readonly TenantId Acme = TenantId.Parse("acme");

    [Fact]
    public async Task ScriptedModel_TwoCustomers_EachCallCarriesOnlyItsOwnSessionsHistory()
    {
        var model = new ScriptedChatClient();
        var sessions = await this.StartJidoSessionsAsync(model);
        var client = sessions.ForTenant(Acme);
        var ann = await client.CreateAsync();
        var bob = await client.CreateAsync();

        var annTurn = client.SendAsync(ann.Id, "my code is 1111");
        (await model.NextCallAsync()).Reply("noted");
        await annTurn;
        var bobTurn = client.SendAsync(bob.Id, "what is my code?");
        var bobCall = await model.NextCallAsync();
        bobCall.Reply("I don't know");
        await bobTurn;

        Assert.Equal("what is my code?", bobCall.UserText);
        Assert.DoesNotContain(bobCall.Messages, m => m.Text.Contains("1111", StringComparison.Ordinal));
        Assert.Null(model.TryTakeCall());
    }

    [Fact]
    public async Task AnsweringModel_StreamedTurn_DeliversTheAnswerAndRecordsIt()
    {
        var sessions = await this.StartJidoSessionsAsync(ScriptedChatClient.Answering(messages => "echo: " + messages[^1].Text));
        var client = sessions.ForTenant(Acme);
        var session = await client.CreateAsync();

        var updates = new List<TurnUpdate>();
        await foreach (var update in client.SendStreamingAsync(session.Id, "hello"))
        {
            updates.Add(update);
        }

        Assert.Equal("echo: hello", string.Concat(updates.Select(u => u.Delta)));
        Assert.Equal("echo: hello", updates[^1].Completed?.Text);
        Assert.Equal(["hello", "echo: hello"], (await client.GetHistoryAsync(session.Id)).Select(h => h.Text));
    }

    [Fact]
    public async Task ScriptedModel_CallFails_TurnFailsTypedAndTheSessionStaysUsable()
    {
        var model = new ScriptedChatClient();
        var sessions = await this.StartJidoSessionsAsync(model);
        var client = sessions.ForTenant(Acme);
        var session = await client.CreateAsync();

        var failing = client.SendAsync(session.Id, "hi");
        (await model.NextCallAsync()).Fail(new HttpRequestException("provider down"));
        var error = await Assert.ThrowsAsync<TurnFailedException>(() => failing);
        var next = client.SendAsync(session.Id, "hi again");
        (await model.NextCallAsync()).Reply("hello");

        Assert.Equal(session.Id, error.SessionId);
        Assert.Equal("hello", (await next).Text);
        Assert.Equal(SessionStatus.Active, (await client.GetInfoAsync(session.Id)).Status);
    }

    [Fact]
    public async Task SessionEventProbe_OneSession_SeesItsEventsInOrderAndNoneOfAnother()
    {
        var sessions = await this.StartJidoSessionsAsync(ScriptedChatClient.Answering(_ => "ok"));
        var client = sessions.ForTenant(Acme);
        var watched = await client.CreateAsync();
        var other = await client.CreateAsync();
        var probe = await this.CreateSessionEventProbeAsync(sessions, Acme, watched.Id);

        await client.SendAsync(other.Id, "noise");
        await client.SendAsync(watched.Id, "signal");
        await client.TerminateAsync(other.Id);
        await client.TerminateAsync(watched.Id);

        // Everything up to the watched session's end is the watched session's: the other's turn and end came first.
        var received = new List<SessionEvent>();
        while (received.LastOrDefault() is not SessionTerminated)
        {
            received.Add(await probe.ExpectMsgAsync<SessionEvent>());
        }

        Assert.All(received, e => Assert.Equal(watched.Id, e.SessionId));
        Assert.Equal(["signal", "ok"], received.OfType<MessageAppended>().Select(m => m.Text));
    }

    [Fact]
    public async Task AwaitStatus_IdleTimeoutOnAFakeClock_ReturnsOnceIdle()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var sessions = await this.StartJidoSessionsAsync(configure: o => o with { IdleTimeout = TimeSpan.FromMinutes(5), PassivateIdleSessions = false }, timeProvider: time);
        var client = sessions.ForTenant(Acme);
        var session = await client.CreateAsync();

        var idle = this.AwaitStatusAsync(sessions, Acme, session.Id, SessionStatus.Idle);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(SessionStatus.Idle, (await idle)?.Status);
        Assert.Equal(SessionStatus.Idle, (await client.GetInfoAsync(session.Id)).Status);
    }

    [Fact]
    public async Task AwaitStatus_Terminated_ReturnsWhenItEnds()
    {
        var sessions = await this.StartJidoSessionsAsync();
        var client = sessions.ForTenant(Acme);
        var session = await client.CreateAsync();

        var ended = this.AwaitStatusAsync(sessions, Acme, session.Id, SessionStatus.Terminated);
        await client.TerminateAsync(session.Id);

        Assert.Null(await ended);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => client.GetInfoAsync(session.Id));
    }

    [Fact]
    public async Task AwaitStatus_NeverReached_TimesOutNamingTheStatusItHas()
    {
        var sessions = await this.StartJidoSessionsAsync();
        var session = await sessions.ForTenant(Acme).CreateAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            this.AwaitStatusAsync(sessions, Acme, session.Id, SessionStatus.Failed, TimeSpan.FromMilliseconds(300)));

        Assert.Contains("Failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("it is Active", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartJidoSessions_StorageIsAlwaysInMemory_EvenWhenOptionsAskForAFile()
    {
        var sessions = await this.StartJidoSessionsAsync(configure: o => o with { Storage = new() { Provider = StorageProvider.Sqlite, SqlitePath = "/nonexistent/dir/jido.db" } });

        var session = await sessions.ForTenant(Acme).CreateAsync();

        Assert.Equal(StorageProvider.Memory, sessions.Options.Storage.Provider);
        Assert.Equal(SessionStatus.Active, (await sessions.ForTenant(Acme).GetInfoAsync(session.Id)).Status);
    }
}
