using JidoSessions.Runtime.Mailbox;

namespace JidoSessions.Runtime.Tests.Mailbox;

public sealed class MailboxQueueTests
{
    [Fact]
    public void Enqueue_PastSegmentCapacity_KeepsFifoOrder()
    {
        var queue = new MailboxQueue();

        for (var i = 0; i < 10_000; i++)
        {
            queue.Enqueue(i, null);
        }

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(queue.TryDequeue(out var envelope));
            Assert.Equal(i, envelope.Message);
        }

        Assert.False(queue.TryDequeue(out _));
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void IsEmpty_NewQueue_IsTrueAndAllocatesNothing()
    {
        var queue = new MailboxQueue();

        Assert.True(queue.IsEmpty);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public async Task Enqueue_ManyProducersWithConcurrentConsumer_DeliversEveryMessageOnceInPerProducerOrder()
    {
        const int producers = 8;
        const int perProducer = 50_000;
        for (var round = 0; round < 5; round++)
        {
            var queue = new MailboxQueue();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var producing = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
            {
                await start.Task;
                for (var i = 0; i < perProducer; i++)
                {
                    queue.Enqueue((p, i), null);
                }
            })).ToArray();
            var lastSeen = Enumerable.Repeat(-1, producers).ToArray();
            var received = 0;

            start.SetResult();
            var consuming = Task.Run(() =>
            {
                while (received < producers * perProducer)
                {
                    if (!queue.TryDequeue(out var envelope))
                    {
                        Thread.Yield();
                        continue;
                    }

                    var (p, i) = ((int, int))envelope.Message;
                    Assert.Equal(lastSeen[p] + 1, i);
                    lastSeen[p] = i;
                    received++;
                }
            });
            await Task.WhenAll(producing);
            await consuming.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.All(lastSeen, last => Assert.Equal(perProducer - 1, last));
            Assert.True(queue.IsEmpty);
        }
    }
}
