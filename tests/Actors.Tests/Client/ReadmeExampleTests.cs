using JidoSessions.Actors.Hosting;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Client;

/// <summary>The README's in-process example, verbatim, so it cannot rot.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_RunsAndRemembersPerSession()
    {
        var options = new SessionSystemOptions { Storage = new StorageOptions { Provider = StorageProvider.Memory } };

        // --- README example start ---
        await using var sessions = await SessionSystem.StartAsync(options);   // local model, no network
        ISessionClient client = sessions.ForTenant(TenantId.Parse("acme"));

        var alice = await client.GetOrCreateAsync(SessionKey.Parse("call-A"));   // Created == true
        var bob = await client.GetOrCreateAsync(SessionKey.Parse("call-B"));

        await client.SendAsync(alice.Session.Id, "my name is Alice");
        await client.SendAsync(bob.Session.Id, "my name is Bob");
        var reply = await client.SendAsync(alice.Session.Id, "what is my name?");
        Console.WriteLine(reply.Text);                                           // ... Alice ...

        await client.TerminateAsync(bob.Session.Id);                             // Alice's session is untouched
        // --- README example end ---

        Assert.True(alice.Created);
        Assert.Contains("Alice", reply.Text);
        Assert.Equal(SessionStatus.Active, (await client.GetInfoAsync(alice.Session.Id)).Status);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => client.GetInfoAsync(bob.Session.Id));
    }
}
