using Microsoft.Extensions.Time.Testing;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Contracts;

/// <summary>
/// The behaviour every <see cref="IJournal"/> must have. A store's test class derives from it and only supplies
/// <see cref="CreateJournalAsync"/>; each test gets fresh storage, and every journal it opens sees the same data.
/// </summary>
public abstract partial class JournalContractTests : IAsyncLifetime
{
    private readonly List<IJournal> _opened = [];

    /// <summary>The clock the journal must stamp <c>created</c> with.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));

    /// <summary>Opens a journal over this test's storage, using <see cref="Clock"/>.</summary>
    protected abstract Task<IJournal> CreateJournalAsync();

    /// <summary>Removes this test's storage after every opened journal was disposed.</summary>
    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var journal in _opened)
        {
            await journal.DisposeAsync();
        }

        await DeleteStorageAsync();
    }

    [Fact]
    public async Task AppendAsync_ContiguousBatches_ReadReturnsAllInOrder()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();

        await journal.AppendAsync(id, TestEvents.Range(1, 3));
        await journal.AppendAsync(id, TestEvents.Range(4, 1));
        await journal.AppendAsync(id, TestEvents.Range(5, 2));
        var events = await TestEvents.ReadAllAsync(journal, id);

        Assert.Equal([1L, 2, 3, 4, 5, 6], events.Select(e => e.SequenceNr));
        Assert.All(events, e => Assert.Equal(id, e.PersistenceId));
        Assert.All(events, e => Assert.Equal(TestEvents.Manifest, e.Manifest));
        Assert.Equal(TestEvents.One(4).Payload, events[3].Payload);
        Assert.True(events.Zip(events.Skip(1)).All(pair => pair.First.Ordering < pair.Second.Ordering));
    }

    [Fact]
    public async Task ReadAsync_SubRanges_ReturnOnlyThoseSequenceNrs()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        await journal.AppendAsync(id, TestEvents.Range(1, 10));

        var middle = await TestEvents.ReadAllAsync(journal, id, 3, 6);
        var fromZero = await TestEvents.ReadAllAsync(journal, id, 0, 2);
        var pastEnd = await TestEvents.ReadAllAsync(journal, id, 9, 100);
        var inverted = await TestEvents.ReadAllAsync(journal, id, 6, 3);
        var unknown = await TestEvents.ReadAllAsync(journal, TestEvents.NewPersistenceId());

        Assert.Equal([3L, 4, 5, 6], middle.Select(e => e.SequenceNr));
        Assert.Equal([1L, 2], fromZero.Select(e => e.SequenceNr));
        Assert.Equal([9L, 10], pastEnd.Select(e => e.SequenceNr));
        Assert.Empty(inverted);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task ReadHighestSequenceNrAsync_NoEventsThenAppends_ReturnsZeroThenLast()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();

        var before = await journal.ReadHighestSequenceNrAsync(id);
        await journal.AppendAsync(id, TestEvents.Range(1, 7));
        var after = await journal.ReadHighestSequenceNrAsync(id);

        Assert.Equal(0, before);
        Assert.Equal(7, after);
    }

    [Fact]
    public async Task AppendAsync_Committed_CreatedComesFromTimeProvider()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        var now = new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);
        Clock.Advance(now.AddTicks(4567) - Clock.GetUtcNow());

        await journal.AppendAsync(id, TestEvents.Range(1, 2));
        var events = await TestEvents.ReadAllAsync(journal, id);

        Assert.All(events, e => Assert.Equal(now, e.Created));
        Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.Created.Offset));
    }

    [Fact]
    public async Task AppendAsync_GapAfterHighest_ThrowsGapAndWritesNothing()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        await journal.AppendAsync(id, TestEvents.Range(1, 3));

        var error = await Assert.ThrowsAsync<JournalSequenceGapException>(
            async () => await journal.AppendAsync(id, TestEvents.Range(5, 2)));

        Assert.Equal(id, error.PersistenceId);
        Assert.Equal(4, error.ExpectedSequenceNr);
        Assert.Equal(5, error.ActualSequenceNr);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, await journal.ReadHighestSequenceNrAsync(id));
        Assert.Equal(3, (await TestEvents.ReadAllAsync(journal, id)).Count);
    }

    [Fact]
    public async Task AppendAsync_FirstSequenceNrNotOne_ThrowsGap()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();

        var error = await Assert.ThrowsAsync<JournalSequenceGapException>(
            async () => await journal.AppendAsync(id, TestEvents.Range(2, 1)));

        Assert.Equal(1, error.ExpectedSequenceNr);
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task AppendAsync_NonContiguousBatch_ThrowsGapAndWritesNothing()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();

        var error = await Assert.ThrowsAsync<JournalSequenceGapException>(
            async () => await journal.AppendAsync(id, [TestEvents.One(1), TestEvents.One(2), TestEvents.One(4)]));

        Assert.Equal(3, error.ExpectedSequenceNr);
        Assert.Equal(4, error.ActualSequenceNr);
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task AppendAsync_SequenceNrWrittenTwice_ThrowsConcurrencyAndKeepsFirstRow()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        await journal.AppendAsync(id, [TestEvents.One(1, "first")]);

        var error = await Assert.ThrowsAsync<JournalConcurrencyException>(
            async () => await journal.AppendAsync(id, [TestEvents.One(1, "second")]));
        var stored = await TestEvents.ReadAllAsync(journal, id);

        Assert.Equal(id, error.PersistenceId);
        Assert.Equal(1, error.SequenceNr);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Equal(TestEvents.One(1, "first").Payload, Assert.Single(stored).Payload);
    }

    [Fact]
    public async Task AppendAsync_BatchOverlappingStoredEvents_ThrowsConcurrencyAndWritesNone()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        await journal.AppendAsync(id, TestEvents.Range(1, 3));

        await Assert.ThrowsAsync<JournalConcurrencyException>(
            async () => await journal.AppendAsync(id, TestEvents.Range(3, 3, "late")));

        Assert.Equal(3, await journal.ReadHighestSequenceNrAsync(id));
        Assert.All(await TestEvents.ReadAllAsync(journal, id), e => Assert.DoesNotContain("late", e.Payload, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_EmptyBatch_WritesNothing()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();

        await journal.AppendAsync(id, []);

        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task AppendAsync_CancelledToken_ThrowsAndWritesNothing()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await journal.AppendAsync(id, TestEvents.Range(1, 1), cancellation.Token));

        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task DeleteMessagesToAsync_PartThenAll_ReadSkipsDeletedAndHighestIsKept()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        await journal.AppendAsync(id, TestEvents.Range(1, 5));

        await journal.DeleteMessagesToAsync(id, 3);
        var afterPartial = await TestEvents.ReadAllAsync(journal, id);
        await journal.DeleteMessagesToAsync(id, long.MaxValue);
        var afterAll = await TestEvents.ReadAllAsync(journal, id);

        Assert.Equal([4L, 5], afterPartial.Select(e => e.SequenceNr));
        Assert.Empty(afterAll);
        Assert.Equal(5, await journal.ReadHighestSequenceNrAsync(id));
        await Assert.ThrowsAsync<JournalConcurrencyException>(async () => await journal.AppendAsync(id, TestEvents.Range(1, 1)));
        await journal.AppendAsync(id, TestEvents.Range(6, 1));
        Assert.Equal([6L], (await TestEvents.ReadAllAsync(journal, id)).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task ReadPersistenceIdsAsync_Prefix_ReturnsEachMatchingIdOnceInOrdinalOrder()
    {
        var journal = await OpenAsync();
        var root = $"ids-{Guid.NewGuid():N}-";
        string[] matching = [$"{root}pfx%x", $"{root}pfx-a", $"{root}pfx-b", $"{root}pfx_"];
        string[] others = [$"{root}pfy-c", $"{root}PFX-d", $"{root}pf"];
        foreach (var id in matching.Concat(others))
        {
            await journal.AppendAsync(id, TestEvents.Range(1, 2));
        }

        await journal.DeleteMessagesToAsync($"{root}pfx-b", long.MaxValue);

        var found = await TestEvents.ReadIdsAsync(journal, $"{root}pfx");
        var all = await TestEvents.ReadIdsAsync(journal, root);

        Assert.Equal(matching.Order(StringComparer.Ordinal), found);
        Assert.Equal(matching.Concat(others).Order(StringComparer.Ordinal), all);
    }

    private async Task<IJournal> OpenAsync()
    {
        var journal = await CreateJournalAsync();
        lock (_opened)
        {
            _opened.Add(journal);
        }

        return journal;
    }
}
