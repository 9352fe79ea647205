using System.Text;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Contracts;

public abstract partial class JournalContractTests
{
    [Fact]
    public async Task AppendAsync_OneMebibytePayload_RoundTripsByteExact()
    {
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        var payload = TestEvents.LargePayload();

        await journal.AppendAsync(id, [new EventToWrite(1, "large.v1", payload)]);
        var stored = Assert.Single(await TestEvents.ReadAllAsync(journal, id));

        Assert.Equal(1024 * 1024, Encoding.UTF8.GetByteCount(payload));
        Assert.Equal(Encoding.UTF8.GetBytes(payload), Encoding.UTF8.GetBytes(stored.Payload));
    }

    [Fact]
    public async Task AppendAsync_UnicodePayloadManifestAndId_RoundTripByteExact()
    {
        var journal = await OpenAsync();
        var id = $"セッション-👩‍💻-{Guid.NewGuid():N}";
        var manifest = "événement-créé.v1";
        var payload = TestEvents.UnicodePayload();

        await journal.AppendAsync(id, [new EventToWrite(1, manifest, payload)]);
        var stored = Assert.Single(await TestEvents.ReadAllAsync(journal, id));
        var ids = await TestEvents.ReadIdsAsync(journal, id);

        Assert.Equal(Encoding.UTF8.GetBytes(payload), Encoding.UTF8.GetBytes(stored.Payload));
        Assert.Equal(manifest, stored.Manifest, StringComparer.Ordinal);
        Assert.Equal(id, stored.PersistenceId, StringComparer.Ordinal);
        Assert.Equal([id], ids);
        Assert.Contains("e\u0301", stored.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TenThousandEvents_ReplaysAllInOrder()
    {
        const int total = 10_000;
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        for (var first = 1; first <= total; first += 500)
        {
            await journal.AppendAsync(id, TestEvents.Range(first, 500));
        }

        var replayed = await TestEvents.ReadAllAsync(journal, id);
        var acrossPages = await TestEvents.ReadAllAsync(journal, id, 999, 2001);

        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), replayed.Select(e => e.SequenceNr));
        Assert.All(replayed, e => Assert.Equal(TestEvents.One(e.SequenceNr).Payload, e.Payload));
        Assert.True(replayed.Zip(replayed.Skip(1)).All(pair => pair.First.Ordering < pair.Second.Ordering));
        Assert.Equal(Enumerable.Range(999, 1003).Select(i => (long)i), acrossPages.Select(e => e.SequenceNr));
    }
}
