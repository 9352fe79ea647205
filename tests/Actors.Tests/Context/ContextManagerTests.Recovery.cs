using JidoSessions.Actors.Context;
using JidoSessions.Client;
using JidoSessions.Runtime;

namespace JidoSessions.Actors.Tests.Context;

// Snapshots, recovery after stop and restart, purge.
public sealed partial class ContextManagerTests
{
    private async Task<string> StateJsonAsync(IActorRef context, string user)
    {
        var history = await HistoryAsync(context);
        var files = await ListFilesAsync(context);
        var built = await BuildAsync(context, user, "sys", 10_000);
        return string.Join(
            "\n",
            history.Select(e => $"{e.Sequence}|{e.Role}|{e.Text}|{e.At:O}")
                .Concat(files.Select(f => $"{f.Path}|{f.Length}|{f.Sha256}|{f.AddedAt:O}|{string.Join(",", f.Metadata.Select(m => $"{m.Key}={m.Value}"))}"))
                .Concat(built.Messages.Select(m => $"{m.Role}:{m.Text}")));
    }

    [Fact]
    public async Task Recovery_FromSnapshotPlusLaterEvents_EqualsStateBeforeStop()
    {
        var id = SessionId.New();
        var persistenceId = $"context-{id}";
        var context = StartContext(id, snapshotEvery: 4);
        await AddFileAsync(context, "a.txt", "alpha", new Dictionary<string, string> { ["Owner"] = "Ada" });
        for (var i = 1; i <= 3; i++)
        {
            await AppendAsync(context, $"u{i}", $"a{i}", maxHistory: 4);
        }

        await AwaitAssertAsync(async () => Assert.NotNull(await Snapshots.LoadLatestAsync(persistenceId)));
        await AppendAsync(context, "u4", "a4", maxHistory: 4);
        await AddFileAsync(context, "b.txt", "beta");
        var before = await StateJsonAsync(context, "q");
        var snapshot = (await Snapshots.LoadLatestAsync(persistenceId))!;
        await StopAsync(context);

        // Only the snapshot can bring back what it covers once those events are gone.
        await Journal.DeleteMessagesToAsync(persistenceId, snapshot.SequenceNr);
        var recovered = StartContext(id, snapshotEvery: 4);

        Assert.Equal(before, await StateJsonAsync(recovered, "q"));
        Assert.Equal(9, (await AppendAsync(recovered, "u5", "a5")).User.Sequence);
    }

    [Fact]
    public async Task Recovery_AfterStop_DoesNotRepublishHistory()
    {
        var id = SessionId.New();
        var context = StartContext(id);
        await AppendAsync(context, "hi", "hello");
        await StopAsync(context);
        var subscriber = CreateTestProbe();
        Events.Subscribe(id, subscriber);

        var recovered = StartContext(id);

        Assert.Equal(2, (await HistoryAsync(recovered)).Count);
        await subscriber.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Restart_AfterCrashUnderRestartingSupervisor_RecoversHistoryFromJournal()
    {
        var id = SessionId.New();
        var reporter = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new RestartingParent(
            Props.Create(() => new ContextManager(id, Tenant, Events, ContextManager.DefaultSnapshotEvery, null, null)), reporter)));
        var context = await parent.Ask<IActorRef>("child", AskTimeout);
        await AppendAsync(context, "remember me", "I will");
        await AddFileAsync(context, "a.txt", "alpha");

        context.Tell(Kill.Instance, null);

        await reporter.ExpectMsgAsync(nameof(ActorKilledException));
        Assert.Equal(["remember me", "I will"], (await HistoryAsync(context)).Select(e => e.Text));
        Assert.Equal(["a.txt"], (await ListFilesAsync(context)).Select(f => f.Path));
        Assert.Equal(3, (await AppendAsync(context, "again", "ok")).User.Sequence);
    }

    [Fact]
    public async Task Purge_DeletesEventsAndSnapshots_RepliesSuccessThenStops()
    {
        var id = SessionId.New();
        var persistenceId = $"context-{id}";
        var context = StartContext(id, snapshotEvery: 2);
        await AppendAsync(context, "u1", "a1");
        await AddFileAsync(context, "a.txt", "x");
        await AwaitAssertAsync(async () => Assert.NotNull(await Snapshots.LoadLatestAsync(persistenceId)));
        var watcher = CreateTestProbe();
        watcher.Watch(context);

        var reply = await context.Ask<Status.Success>(PurgeContext.Instance, AskTimeout);

        await watcher.ExpectTerminatedAsync(context);
        Assert.Null(reply.Value);
        Assert.Empty(await Journal.ReadAsync(persistenceId, 1, long.MaxValue).ToListAsync());
        Assert.Null(await Snapshots.LoadLatestAsync(persistenceId));
        Assert.Empty(await HistoryAsync(StartContext(id)));
    }

    [Fact]
    public async Task Purge_WhileASnapshotIsBeingWritten_WaitsForItSoNoSnapshotOutlivesThePurge()
    {
        var id = SessionId.New();
        var persistenceId = $"context-{id}";
        var context = StartContext(id, snapshotEvery: 1);
        var release = Snapshots.HoldSaves();
        await AppendAsync(context, "u1", "a1");

        var purge = context.Ask<Status.Success>(PurgeContext.Instance, AskTimeout);
        await HistoryAsync(context);

        Assert.False(purge.IsCompleted);
        release.SetResult();
        await purge;
        Assert.Null(await Snapshots.LoadLatestAsync(persistenceId));
        Assert.Empty(await Journal.ReadAsync(persistenceId, 1, long.MaxValue).ToListAsync());
    }
}
