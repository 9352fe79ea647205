using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Client;

/// <summary>Event subscriptions.</summary>
public abstract partial class SessionClientContractTests
{
    [Fact]
    public async Task Subscribe_ToOneSession_SeesOnlyThatSessionsEvents()
    {
        var watched = await Client.CreateAsync();
        var other = await Client.CreateAsync();
        await using var subscription = await Client.SubscribeAsync(watched.Id);

        await Client.SendAsync(other.Id, "not for you");
        await Client.SendAsync(watched.Id, "for you");
        await Client.TerminateAsync(watched.Id);

        var seen = await ReadUntilTerminatedAsync(subscription);

        Assert.All(seen, e => Assert.Equal(watched.Id, e.SessionId));
        Assert.Contains(seen, e => e is MessageAppended { Text: "for you" });
    }

    [Fact]
    public async Task Subscribe_Globally_SeesCreatedAndTerminatedOfThisTenantOnly()
    {
        await using var subscription = await Client.SubscribeAsync();

        await ClientFor(Globex).CreateAsync();
        var session = await Client.CreateAsync();
        await Client.TerminateAsync(session.Id);

        var seen = await ReadUntilTerminatedAsync(subscription);

        Assert.All(seen, e => Assert.Equal(Acme, e.Tenant));
        Assert.Equal(session.Id, Assert.Single(seen.OfType<SessionCreated>()).SessionId);
        Assert.Contains(seen, e => e is SessionStatusChanged { To: SessionStatus.Terminated });
    }

    [Fact]
    public async Task Subscribe_UnknownSession_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.SubscribeAsync(SessionId.New()));
    }
}
