using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Contracts;

public abstract partial class JournalContractTests
{
    [Fact]
    public async Task DisposeAsync_ThenReopen_AcknowledgedEventsStillThere()
    {
        var journal = await OpenAsync();
        var ids = Enumerable.Range(0, 10).Select(_ => TestEvents.NewPersistenceId()).ToArray();
        await Task.WhenAll(ids.Select(async id =>
        {
            for (var seq = 1; seq <= 10; seq++)
            {
                await journal.AppendAsync(id, [TestEvents.One(seq)]);
            }
        }));
        await journal.DeleteMessagesToAsync(ids[0], 4);

        await journal.DisposeAsync();
        var reopened = await OpenAsync();

        Assert.Equal(6, (await TestEvents.ReadAllAsync(reopened, ids[0])).Count);
        Assert.Equal(10, await reopened.ReadHighestSequenceNrAsync(ids[0]));
        foreach (var id in ids.Skip(1))
        {
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), (await TestEvents.ReadAllAsync(reopened, id)).Select(e => e.SequenceNr));
        }
    }

    [Fact]
    public async Task DisposeAsync_WithPendingAppends_CommitsThemBeforeClosing()
    {
        var journal = await OpenAsync();
        var ids = Enumerable.Range(0, 100).Select(_ => TestEvents.NewPersistenceId()).ToArray();
        var pending = ids.Select(id => journal.AppendAsync(id, TestEvents.Range(1, 2)).AsTask()).ToArray();

        await journal.DisposeAsync();
        await Task.WhenAll(pending);
        var reopened = await OpenAsync();

        foreach (var id in ids)
        {
            Assert.Equal(2, await reopened.ReadHighestSequenceNrAsync(id));
        }
    }

    [Fact]
    public async Task AppendAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var journal = await OpenAsync();
        await journal.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            async () => await journal.AppendAsync(TestEvents.NewPersistenceId(), TestEvents.Range(1, 1)));
    }

    [Fact]
    public async Task ReadAsync_CancelledWhileEnumerating_ThrowsOperationCanceled()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        await journal.AppendAsync(id, TestEvents.Range(1, 50));
        using var cancellation = new CancellationTokenSource();
        var read = new List<long>();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var @event in journal.ReadAsync(id, 1, long.MaxValue, cancellation.Token))
            {
                read.Add(@event.SequenceNr);
                if (read.Count == 3)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal([1L, 2, 3], read);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task ReadHighestSequenceNrAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var journal = await OpenAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await journal.ReadHighestSequenceNrAsync(TestEvents.NewPersistenceId(), cancellation.Token));
    }
}
