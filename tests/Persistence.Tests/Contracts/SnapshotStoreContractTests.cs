using System.Text;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Contracts;

/// <summary>
/// The behaviour every <see cref="ISnapshotStore"/> must have. A store's test class derives from it and only supplies
/// <see cref="CreateSnapshotStoreAsync"/>.
/// </summary>
public abstract class SnapshotStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Taken = new(2030, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private readonly List<ISnapshotStore> _opened = [];

    /// <summary>Opens a snapshot store over this test's storage.</summary>
    protected abstract Task<ISnapshotStore> CreateSnapshotStoreAsync();

    /// <summary>Removes this test's storage after every opened store was disposed.</summary>
    protected virtual Task DeleteStorageAsync() => Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        await DeleteStorageAsync();
    }

    [Fact]
    public async Task LoadLatestAsync_SeveralSnapshots_ReturnsHighestNotAboveMax()
    {
        var store = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        foreach (var seq in new long[] { 5, 15, 10 })
        {
            await store.SaveAsync(Snapshot(id, seq));
        }

        var latest = await store.LoadLatestAsync(id);
        var atTwelve = await store.LoadLatestAsync(id, 12);
        var atTen = await store.LoadLatestAsync(id, 10);
        var belowAll = await store.LoadLatestAsync(id, 4);

        Assert.Equal(Snapshot(id, 15), latest);
        Assert.Equal(Snapshot(id, 10), atTwelve);
        Assert.Equal(Snapshot(id, 10), atTen);
        Assert.Null(belowAll);
    }

    [Fact]
    public async Task LoadLatestAsync_UnknownId_ReturnsNull()
    {
        var store = await OpenAsync();

        var loaded = await store.LoadLatestAsync(TestEvents.NewPersistenceId());

        Assert.Null(loaded);
    }

    [Fact]
    public async Task SaveAsync_SameSequenceNrTwice_ReplacesTheFirst()
    {
        var store = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        await store.SaveAsync(Snapshot(id, 3, "old"));

        await store.SaveAsync(Snapshot(id, 3, "new") with { Manifest = "state.v2" });
        var loaded = await store.LoadLatestAsync(id);

        Assert.Equal(Snapshot(id, 3, "new") with { Manifest = "state.v2" }, loaded);
    }

    [Fact]
    public async Task DeleteToAsync_MaxInTheMiddle_RemovesUpToMaxAndKeepsLater()
    {
        var store = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        var other = TestEvents.NewPersistenceId();
        foreach (var seq in new long[] { 1, 2, 3, 4 })
        {
            await store.SaveAsync(Snapshot(id, seq));
        }

        await store.SaveAsync(Snapshot(other, 1));

        await store.DeleteToAsync(id, 3);

        Assert.Null(await store.LoadLatestAsync(id, 3));
        Assert.Equal(Snapshot(id, 4), await store.LoadLatestAsync(id));
        Assert.Equal(Snapshot(other, 1), await store.LoadLatestAsync(other));
    }

    [Fact]
    public async Task SaveAsync_LargeAndUnicodePayloads_RoundTripByteExact()
    {
        var store = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        var large = TestEvents.LargePayload();
        var unicode = TestEvents.UnicodePayload();

        await store.SaveAsync(Snapshot(id, 1) with { Payload = large });
        await store.SaveAsync(Snapshot(id, 2) with { Payload = unicode });
        var first = await store.LoadLatestAsync(id, 1);
        var second = await store.LoadLatestAsync(id, 2);

        Assert.Equal(Encoding.UTF8.GetBytes(large), Encoding.UTF8.GetBytes(first!.Payload));
        Assert.Equal(Encoding.UTF8.GetBytes(unicode), Encoding.UTF8.GetBytes(second!.Payload));
    }

    [Fact]
    public async Task SaveAsync_CreatedWithSubMillisecondsAndOffset_LoadsAsUtcMilliseconds()
    {
        var store = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        var created = new DateTimeOffset(2030, 3, 4, 7, 6, 7, 890, TimeSpan.FromHours(2)).AddTicks(1234);

        await store.SaveAsync(Snapshot(id, 1) with { Created = created });
        var loaded = await store.LoadLatestAsync(id);

        Assert.Equal(new DateTimeOffset(2030, 3, 4, 5, 6, 7, 890, TimeSpan.Zero), loaded!.Created);
        Assert.Equal(TimeSpan.Zero, loaded.Created.Offset);
    }

    [Fact]
    public async Task LoadLatestAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var store = await OpenAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await store.LoadLatestAsync(TestEvents.NewPersistenceId(), cancellationToken: cancellation.Token));
    }

    private static SnapshotEntry Snapshot(string id, long seq, string tag = "s") =>
        new(id, seq, Taken, "state.v1", $$"""{"seq":{{seq}},"tag":"{{tag}}"}""");

    private async Task<ISnapshotStore> OpenAsync()
    {
        var store = await CreateSnapshotStoreAsync();
        _opened.Add(store);
        return store;
    }
}
