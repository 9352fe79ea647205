using System.Collections.Concurrent;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Tests.Support;

namespace JidoSessions.Persistence.Tests.Contracts;

public abstract partial class JournalContractTests
{
    [Fact]
    public async Task AppendAsync_TwoWritersRaceOnOneId_ExactlyOneWinsEachSequenceNr()
    {
        const int sequenceNrs = 100;
        var writerA = await OpenAsync();
        var writerB = await OpenAsync();
        var id = TestEvents.NewPersistenceId();

        var winsA = RaceAsync(writerA, "A");
        var winsB = RaceAsync(writerB, "B");
        var outcomes = await Task.WhenAll(winsA, winsB);
        var stored = await TestEvents.ReadAllAsync(writerA, id);

        Assert.Equal(sequenceNrs, stored.Count);
        for (var seq = 1L; seq <= sequenceNrs; seq++)
        {
            var wonByA = outcomes[0].Contains(seq);
            var wonByB = outcomes[1].Contains(seq);
            Assert.True(wonByA ^ wonByB, $"sequence nr {seq}: A won {wonByA}, B won {wonByB}");
            Assert.Equal(TestEvents.One(seq, wonByA ? "A" : "B").Payload, stored[(int)seq - 1].Payload);
        }

        async Task<HashSet<long>> RaceAsync(IJournal journal, string writer)
        {
            await Task.Yield();
            var won = new HashSet<long>();
            for (var seq = 1L; seq <= sequenceNrs; seq++)
            {
                try
                {
                    await journal.AppendAsync(id, [TestEvents.One(seq, writer)]);
                    won.Add(seq);
                }
                catch (JournalConcurrencyException error)
                {
                    Assert.Equal(seq, error.SequenceNr);
                }
            }

            return won;
        }
    }

    [Fact]
    public async Task AppendAsync_TwoWritersRaceWithMultiEventAppends_EachAppendIsStoredWholeOrNotAtAll()
    {
        const int appends = 40;
        const int eventsPerAppend = 3;
        var writerA = await OpenAsync();
        var writerB = await OpenAsync();
        var id = TestEvents.NewPersistenceId();

        var outcomes = await Task.WhenAll(RaceAsync(writerA, "A"), RaceAsync(writerB, "B"));
        var stored = await TestEvents.ReadAllAsync(writerA, id);

        Assert.Equal(appends * eventsPerAppend, stored.Count);
        for (var append = 0; append < appends; append++)
        {
            var first = 1L + (append * eventsPerAppend);
            var wonByA = outcomes[0].Contains(first);
            Assert.True(wonByA ^ outcomes[1].Contains(first), $"append at {first}: exactly one writer must win");
            var tags = stored.Skip(append * eventsPerAppend).Take(eventsPerAppend).Select(e => e.Payload);
            Assert.All(tags, payload => Assert.Contains(wonByA ? "\"A\"" : "\"B\"", payload, StringComparison.Ordinal));
        }

        async Task<HashSet<long>> RaceAsync(IJournal journal, string writer)
        {
            await Task.Yield();
            var won = new HashSet<long>();
            for (var append = 0; append < appends; append++)
            {
                var first = 1L + (append * eventsPerAppend);
                try
                {
                    await journal.AppendAsync(id, TestEvents.Range(first, eventsPerAppend, writer));
                    won.Add(first);
                }
                catch (JournalConcurrencyException)
                {
                    // The other writer stored this append first.
                }
            }

            return won;
        }
    }

    [Fact]
    public async Task AppendAsync_ManyWritersOnManyIds_EveryAcknowledgedEventStoredOnceInOrder()
    {
        const int writers = 50;
        const int appendsPerWriter = 20;
        var journal = await OpenAsync();
        var ids = Enumerable.Range(0, writers).Select(_ => TestEvents.NewPersistenceId()).ToArray();

        await Task.WhenAll(ids.Select(async id =>
        {
            await Task.Yield();
            for (var seq = 1L; seq <= appendsPerWriter; seq++)
            {
                await journal.AppendAsync(id, [TestEvents.One(seq, id)]);
            }
        }));

        foreach (var id in ids)
        {
            var stored = await TestEvents.ReadAllAsync(journal, id);
            Assert.Equal(Enumerable.Range(1, appendsPerWriter).Select(i => (long)i), stored.Select(e => e.SequenceNr));
            Assert.All(stored, e => Assert.Equal(TestEvents.One(e.SequenceNr, id).Payload, e.Payload));
            Assert.Equal(appendsPerWriter, await journal.ReadHighestSequenceNrAsync(id));
        }
    }

    [Fact]
    public async Task AppendAsync_ManyWritersOnOneId_EveryAcknowledgedEventStoredExactlyOnce()
    {
        const int writers = 8;
        const int eventsPerWriter = 25;
        var journal = await OpenAsync();
        var id = TestEvents.NewPersistenceId();
        var acknowledged = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            await Task.Yield();
            var written = 0;
            while (written < eventsPerWriter)
            {
                var tag = $"w{writer}-{written}";
                var next = await journal.ReadHighestSequenceNrAsync(id) + 1;
                try
                {
                    await journal.AppendAsync(id, [TestEvents.One(next, tag)]);
                    acknowledged.Add(TestEvents.One(next, tag).Payload);
                    written++;
                }
                catch (JournalConcurrencyException)
                {
                    // Lost the race for this sequence nr: read the new highest and try again.
                }
            }
        }));
        var stored = await TestEvents.ReadAllAsync(journal, id);

        Assert.Equal(Enumerable.Range(1, writers * eventsPerWriter).Select(i => (long)i), stored.Select(e => e.SequenceNr));
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), stored.Select(e => e.Payload).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_BadAppendsAmongConcurrentOnes_FailOnlyThoseCallers()
    {
        var journal = await OpenAsync();
        var goodIds = Enumerable.Range(0, 20).Select(_ => TestEvents.NewPersistenceId()).ToArray();
        var conflictId = TestEvents.NewPersistenceId();
        var gapId = TestEvents.NewPersistenceId();
        await journal.AppendAsync(conflictId, TestEvents.Range(1, 2));

        var good = goodIds.Select(id => journal.AppendAsync(id, TestEvents.Range(1, 3)).AsTask()).ToArray();
        var conflict = journal.AppendAsync(conflictId, TestEvents.Range(2, 2)).AsTask();
        var gap = journal.AppendAsync(gapId, TestEvents.Range(3, 1)).AsTask();
        var sameBatchSecond = journal.AppendAsync(goodIds[0], TestEvents.Range(4, 1)).AsTask();
        await Task.WhenAll(good);
        await sameBatchSecond;

        await Assert.ThrowsAsync<JournalConcurrencyException>(() => conflict);
        await Assert.ThrowsAsync<JournalSequenceGapException>(() => gap);
        Assert.Equal(4, await journal.ReadHighestSequenceNrAsync(goodIds[0]));
        foreach (var id in goodIds.Skip(1))
        {
            Assert.Equal(3, await journal.ReadHighestSequenceNrAsync(id));
        }

        Assert.Equal(2, await journal.ReadHighestSequenceNrAsync(conflictId));
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync(gapId));
    }
}
