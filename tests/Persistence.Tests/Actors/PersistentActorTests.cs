using JidoSessions.Persistence.Actors;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Memory;
using JidoSessions.Runtime;

namespace JidoSessions.Persistence.Tests.Actors;

public sealed class PersistentActorTests : TestKit.TestKit
{
    private readonly ControllableJournal _journal = new();
    private readonly MemorySnapshotStore _snapshots = new();

    public PersistentActorTests() =>
        PersistenceExtension.Register(Sys, new PersistenceExtension(_journal, _snapshots, CounterActor.Serializer, maxConcurrentRecoveries: 1));

    private IActorRef Counter(string id, IActorRef reporter, int snapshotEvery = int.MaxValue) =>
        Sys.ActorOf(Props.Create(() => new CounterActor(id, reporter, snapshotEvery)));

    [Fact]
    public async Task Persist_ThenNewIncarnation_RecoversTheSameState()
    {
        var probe = CreateTestProbe();
        var first = Counter("counter-1", probe);
        await probe.ExpectMsgAsync("recovered:0@0");
        Assert.Equal("added:2", await first.Ask<string>(("add", 2)));
        Assert.Equal("added:7", await first.Ask<string>(("add", 5)));
        probe.Watch(first);
        Sys.Stop(first);
        await probe.ExpectTerminatedAsync(first);

        var second = Counter("counter-1", probe);

        await probe.ExpectMsgAsync("replay:2");
        await probe.ExpectMsgAsync("replay:5");
        await probe.ExpectMsgAsync("recovered:7@2");
        Assert.Equal(7, await second.Ask<int>("get"));
    }

    [Fact]
    public async Task Persist_CommandsWaitUntilTheWriteCommitted()
    {
        var probe = CreateTestProbe();
        var counter = Counter("counter-gated", probe);
        await probe.ExpectMsgAsync("recovered:0@0");
        _journal.AppendGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        probe.Send(counter, ("add", 3));
        probe.Send(counter, "get");
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
        _journal.AppendGate.SetResult();

        await probe.ExpectMsgAsync("added:3");
        Assert.Equal(3, await probe.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task PersistAsync_CommandsKeepFlowingAndHandlersRunInOrderAfterCommit()
    {
        var probe = CreateTestProbe();
        var counter = Counter("counter-async", probe);
        await probe.ExpectMsgAsync("recovered:0@0");
        _journal.AppendGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        for (var i = 1; i <= 5; i++)
        {
            probe.Send(counter, ("async", i));
        }

        probe.Send(counter, "get");
        Assert.Equal(0, await probe.ExpectMsgAsync<int>());
        _journal.AppendGate.SetResult();

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"async-added:{i}"), (await probe.ReceiveNAsync(5)).Cast<string>());
        Assert.Equal(15, await counter.Ask<int>("get"));
        Assert.True(_journal.AppendCalls < 5, $"expected batched writes, got {_journal.AppendCalls} appends");
        Assert.Equal(5, await _journal.ReadHighestSequenceNrAsync("counter-async"));
    }

    [Fact]
    public async Task SaveSnapshot_RecoveryStartsFromItAndReplaysOnlyLaterEvents()
    {
        var probe = CreateTestProbe();
        var first = Counter("counter-snap", probe, snapshotEvery: 3);
        await probe.ExpectMsgAsync("recovered:0@0");
        for (var i = 1; i <= 4; i++)
        {
            await first.Ask<string>(("add", i));
        }

        await probe.FishForMessageAsync<SaveSnapshotSuccess>(s => s.SequenceNr == 3);
        probe.Watch(first);
        Sys.Stop(first);
        await probe.ExpectTerminatedAsync(first);

        var second = Counter("counter-snap", probe, snapshotEvery: 3);

        await probe.ExpectMsgAsync("snapshot:6");
        await probe.ExpectMsgAsync("replay:4");
        await probe.ExpectMsgAsync("recovered:10@4");
        Assert.Equal(10, await second.Ask<int>("get"));
    }

    [Fact]
    public async Task PersistFailure_StopsTheActorAndReportsIt()
    {
        var probe = CreateTestProbe();
        var counter = Counter("counter-fail", probe);
        await probe.ExpectMsgAsync("recovered:0@0");
        probe.Watch(counter);
        _journal.FailAppendsWith = new IOException("disk full");

        counter.Tell(("add", 1), null);

        await probe.ExpectMsgAsync("persist-failed:1");
        await probe.ExpectTerminatedAsync(counter);
    }

    [Fact]
    public async Task RecoveryFailure_UnknownManifest_IsReportedAndStopsTheActor()
    {
        var probe = CreateTestProbe();
        await _journal.AppendAsync("counter-corrupt", [new EventToWrite(1, "no-such-manifest.v9", "{}")]);

        var counter = Counter("counter-corrupt", probe);
        probe.Watch(counter);

        await probe.ExpectMsgAsync("recovery-failed:UnknownManifestException");
        await probe.ExpectTerminatedAsync(counter);
    }

    [Fact]
    public async Task DeleteMessagesTo_NewEventsContinueAfterTheHighestSequenceNr()
    {
        var probe = CreateTestProbe();
        var first = Counter("counter-delete", probe);
        await probe.ExpectMsgAsync("recovered:0@0");
        await first.Ask<string>(("add", 1));
        await first.Ask<string>(("add", 2));
        first.Tell(("delete-to", 2L), null);
        await probe.ExpectMsgAsync<DeleteMessagesSuccess>();
        probe.Watch(first);
        Sys.Stop(first);
        await probe.ExpectTerminatedAsync(first);

        var second = Counter("counter-delete", probe);
        await probe.ExpectMsgAsync("recovered:0@2");
        await second.Ask<string>(("add", 5));

        Assert.Equal(3, await _journal.ReadHighestSequenceNrAsync("counter-delete"));
    }

    [Fact]
    public async Task Recovery_ManyActorsAtOnce_NeverMoreThanTheCapReplayConcurrently()
    {
        var probe = CreateTestProbe();
        _journal.ReadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actors = Enumerable.Range(0, 5).Select(i => Counter($"counter-cap-{i}", probe)).ToArray();

        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150));
        _journal.ReadGate.SetResult();

        var recovered = await probe.ReceiveNAsync(5);
        Assert.All(recovered, m => Assert.Equal("recovered:0@0", m));
        Assert.Equal(1, _journal.MaxConcurrentReads);
        Assert.Equal(5, actors.Length);
    }
}
