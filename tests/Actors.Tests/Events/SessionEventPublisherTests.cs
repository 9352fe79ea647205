using JidoSessions.Actors.Events;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Events;

public sealed class SessionEventPublisherTests : TestKit.TestKit
{
    private static SessionCreated Created(SessionId id) => new(id, TenantId.Default, DateTimeOffset.UnixEpoch, null);

    [Fact]
    public async Task Publish_ToSessionTopic_ReachesOnlyThatSessionsSubscribers()
    {
        var publisher = new SessionEventPublisher(Sys);
        var (a, b) = (SessionId.New(), SessionId.New());
        var probeA = CreateTestProbe();
        var probeB = CreateTestProbe();
        publisher.Subscribe(a, probeA);
        publisher.Subscribe(b, probeB);

        publisher.Publish(Created(a));
        publisher.Publish(Created(b));

        Assert.Equal(a, (await probeA.ExpectMsgAsync<SessionCreated>()).SessionId);
        Assert.Equal(b, (await probeB.ExpectMsgAsync<SessionCreated>()).SessionId);
        await probeA.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        await probeB.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Publish_AlsoGoesToTheGlobalEventStreamBySubtype()
    {
        var publisher = new SessionEventPublisher(Sys);
        var global = CreateTestProbe();
        Sys.EventStream.Subscribe(global, typeof(SessionEvent));
        var id = SessionId.New();

        publisher.Publish(Created(id));

        Assert.Equal(id, (await global.ExpectMsgAsync<SessionCreated>()).SessionId);
    }

    [Fact]
    public async Task Publish_DeadTopicSubscriber_IsDropped()
    {
        var publisher = new SessionEventPublisher(Sys);
        var id = SessionId.New();
        var dead = CreateTestProbe();
        var alive = CreateTestProbe();
        publisher.Subscribe(id, dead);
        publisher.Subscribe(id, alive);
        alive.Watch(dead.Ref);
        Sys.Stop(dead.Ref);
        await alive.ExpectTerminatedAsync(dead.Ref);

        publisher.Publish(Created(id));

        await alive.ExpectMsgAsync<SessionCreated>();
        Assert.Equal(1, publisher.TopicSubscriberCount(id));
    }

    [Fact]
    public void RemoveTopic_DropsAllSubscribersOfThatSession()
    {
        var publisher = new SessionEventPublisher(Sys);
        var (a, b) = (SessionId.New(), SessionId.New());
        publisher.Subscribe(a, CreateTestProbe());
        publisher.Subscribe(b, CreateTestProbe());

        publisher.RemoveTopic(a);

        Assert.Equal(0, publisher.TopicSubscriberCount(a));
        Assert.Equal(1, publisher.TopicSubscriberCount(b));
    }
}
