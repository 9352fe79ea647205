namespace JidoSessions.Runtime.Tests.Events;

public sealed class EventStreamTests : TestKit.TestKit
{
    private abstract record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    private sealed record Cat(string Name) : Animal(Name);

    [Fact]
    public async Task Subscribe_ToBaseType_ReceivesSubtypesOnce()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(Animal));
        Sys.EventStream.Subscribe(probe, typeof(Dog));

        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Cat("tom"));
        Sys.EventStream.Publish("not an animal");

        await probe.ExpectMsgAsync(new Dog("rex"));
        await probe.ExpectMsgAsync(new Cat("tom"));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Unsubscribe_StopsDelivery()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(Dog));

        Assert.True(Sys.EventStream.Unsubscribe(probe, typeof(Dog)));
        Sys.EventStream.Publish(new Dog("rex"));

        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.False(Sys.EventStream.Unsubscribe(probe, typeof(Dog)));
    }

    [Fact]
    public async Task Subscriber_WhenItStops_IsUnsubscribedAutomatically()
    {
        var subscriber = Sys.ActorOf(Props.Create<EchoActor>());
        Sys.EventStream.Subscribe(subscriber, typeof(Dog));
        var watcher = CreateTestProbe();
        watcher.Watch(subscriber);

        Sys.Stop(subscriber);
        await watcher.ExpectTerminatedAsync(subscriber);

        await AwaitAssertAsync(() => Assert.False(Sys.EventStream.IsSubscribed(subscriber)));
    }

    [Fact]
    public async Task Publish_FromManyThreads_DeliversEveryEvent()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(Dog));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                Sys.EventStream.Publish(new Dog($"{t}-{i}"));
            }
        })));

        var received = await probe.ReceiveNAsync(2_000);
        Assert.Equal(2_000, received.Cast<Dog>().Select(d => d.Name).Distinct().Count());
    }
}
