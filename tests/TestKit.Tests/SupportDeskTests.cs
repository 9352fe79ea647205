using Akka.Actor;
using Akka.TestKit.Xunit2;
using JidoSessions.Client;
using JidoSessions.TestKit;

// Written as a user's suite would be: its own namespace, only the public JidoSessions API.
namespace Acme.SupportDesk.Tests;

// A user's actor that answers customers through JidoSessions: one session per customer, keyed by customer id.
public sealed record CustomerSays(string CustomerId, string Text);

public sealed record AgentSays(string CustomerId, string Text);

public sealed class SupportDesk : ReceiveActor
{
    public SupportDesk(ISessionClient sessions) =>
        ReceiveAsync<CustomerSays>(async message =>
        {
            var replyTo = Sender;
            var session = await sessions.GetOrCreateAsync(SessionKey.Parse(message.CustomerId));
            var reply = await sessions.SendAsync(session.Session.Id, message.Text);
            replyTo.Tell(new AgentSays(message.CustomerId, reply.Text));
        });
}

// README example: the test below is quoted verbatim in README.md ("Testing your own actors").
public sealed class SupportDeskTests() : TestKit(JidoSessionsTestKit.Config)
{
    private static readonly TenantId Acme = TenantId.Parse("acme");

    [Fact]
    public async Task CustomerMessage_IsAnsweredFromTheirOwnSession()
    {
        var model = new ScriptedChatClient();
        var sessions = await this.StartJidoSessionsAsync(model);
        var events = await this.CreateSessionEventProbeAsync(sessions, Acme);
        var desk = Sys.ActorOf(Props.Create(() => new SupportDesk(sessions.ForTenant(Acme))));

        desk.Tell(new CustomerSays("cust-1", "Where is my order?"));
        var call = await model.NextCallAsync();
        Assert.Equal("Where is my order?", call.UserText);
        call.Reply("It ships today.");

        await ExpectMsgAsync(new AgentSays("cust-1", "It ships today."));
        var created = await events.FishForMessageAsync<SessionCreated>(_ => true);
        Assert.Equal("cust-1", created.Key?.Value);
    }
}
