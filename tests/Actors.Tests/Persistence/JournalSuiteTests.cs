using Akka.Actor;
using Akka.Persistence;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;
using JidoSessions.Tests.Shared;

namespace JidoSessions.Actors.Tests.Persistence;

/// <summary>
/// One Akka.Persistence suite over every journal and snapshot store the host can be configured with: Akka's
/// in-memory plugins, the SQLite plugin on a real file, Akka.Persistence.Sql on a real PostgreSQL schema. A plain
/// persistent actor (not a session) drives each through the Akka API: append and replay in order, the highest
/// sequence number surviving deletes, delete-to, snapshots and their deletion, and two writers on one id.
/// </summary>
public sealed class JournalSuiteTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static TheoryData<StorageProvider> Stores() => [StorageProvider.Memory, StorageProvider.Sqlite, StorageProvider.Postgres];

    /// <summary>
    /// The stores that survive the process. Akka's in-memory journal does not check sequence numbers, so it accepts two
    /// writers on one id (measured: no failure); JidoSessions never has two (sharding), and memory is for tests.
    /// </summary>
    public static TheoryData<StorageProvider> DurableStores() => [StorageProvider.Sqlite, StorageProvider.Postgres];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Persist_ThenRecover_ReplaysEveryEventInOrderAndNumberingGoesOn(StorageProvider provider)
    {
        await using var store = await StoreUnderTest.StartAsync(provider);
        var pid = store.NewId();
        var written = new List<SessionId>();

        var first = await store.StartWriterAsync(pid);
        for (var batch = 0; batch < 10; batch++)
        {
            var ids = Enumerable.Range(0, 10).Select(_ => SessionId.New()).ToList();
            written.AddRange(ids);
            Assert.Equal((batch + 1) * 10L, await store.AskAsync<long>(first.Writer, new Append(ids)));
        }

        await store.StopAsync(first.Writer);
        var second = await store.StartWriterAsync(pid);

        Assert.Equal(written, second.Recovered.Events);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), second.Recovered.SequenceNrs);
        Assert.Equal(101L, await store.AskAsync<long>(second.Writer, new Append([SessionId.New()])));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task DeleteTo_ThenRecover_OnlyLaterEventsAndTheHighestSequenceNrSurvives(StorageProvider provider)
    {
        await using var store = await StoreUnderTest.StartAsync(provider);
        var (partly, wholly) = (store.NewId(), store.NewId());
        var ids = Enumerable.Range(0, 10).Select(_ => SessionId.New()).ToList();
        foreach (var pid in new[] { partly, wholly })
        {
            var writer = await store.StartWriterAsync(pid);
            await store.AskAsync<long>(writer.Writer, new Append(ids));
            Assert.IsType<DeleteMessagesSuccess>(await store.AskAsync<object>(writer.Writer, new DeleteTo(pid == partly ? 6 : 10)));
            await store.StopAsync(writer.Writer);
        }

        var afterPartly = await store.StartWriterAsync(partly);
        var afterWholly = await store.StartWriterAsync(wholly);

        Assert.Equal(ids.Skip(6), afterPartly.Recovered.Events);
        Assert.Equal([7L, 8L, 9L, 10L], afterPartly.Recovered.SequenceNrs);
        Assert.Empty(afterWholly.Recovered.Events);
        Assert.Equal(10L, afterWholly.Recovered.LastSequenceNr);
        Assert.Equal(11L, await store.AskAsync<long>(afterWholly.Writer, new Append([SessionId.New()])));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Snapshot_ThenRecover_FromTheSnapshotPlusLaterEvents_AndAfterDeletingIt_FromTheEvents(StorageProvider provider)
    {
        await using var store = await StoreUnderTest.StartAsync(provider);
        var pid = store.NewId();
        var ids = Enumerable.Range(0, 8).Select(_ => SessionId.New()).ToList();
        var writer = await store.StartWriterAsync(pid);
        await store.AskAsync<long>(writer.Writer, new Append(ids[..5]));
        Assert.IsType<SaveSnapshotSuccess>(await store.AskAsync<object>(writer.Writer, new Snap(ids[4])));
        await store.AskAsync<long>(writer.Writer, new Append(ids[5..]));
        await store.StopAsync(writer.Writer);

        var fromSnapshot = await store.StartWriterAsync(pid);
        Assert.Equal((5L, (SessionId?)ids[4]), (fromSnapshot.Recovered.SnapshotAt, fromSnapshot.Recovered.SnapshotState));
        Assert.Equal(ids[5..], fromSnapshot.Recovered.Events);
        Assert.IsType<DeleteSnapshotsSuccess>(await store.AskAsync<object>(fromSnapshot.Writer, new DeleteSnaps(5)));
        await store.StopAsync(fromSnapshot.Writer);

        var fromEvents = await store.StartWriterAsync(pid);
        Assert.Null(fromEvents.Recovered.SnapshotAt);
        Assert.Equal(ids, fromEvents.Recovered.Events);
    }

    [Theory]
    [MemberData(nameof(DurableStores))]
    public async Task TwoWritersOnOneId_TheStoreRefusesTheClash_AndWhatItKeptReplaysWithoutGapsOrDuplicates(StorageProvider provider)
    {
        await using var store = await StoreUnderTest.StartAsync(provider);
        var pid = store.NewId();
        var a = await store.StartWriterAsync(pid);
        var b = await store.StartWriterAsync(pid);

        // Both believe they are the only writer and number from 1: the store must refuse the second numbering.
        var writes = new[] { a, b }.SelectMany(w => Enumerable.Range(0, 20).Select(_ => store.TryAskAsync<long>(w.Writer, new Append([SessionId.New()])))).ToList();
        var results = await Task.WhenAll(writes);
        var failures = a.Failures.Concat(b.Failures).ToList();

        Assert.NotEmpty(failures);
        Assert.Contains(results, r => r is null);
        var after = await store.StartWriterAsync(pid);
        Assert.Equal(Enumerable.Range(1, after.Recovered.Events.Count).Select(i => (long)i), after.Recovered.SequenceNrs);
        Assert.Equal(after.Recovered.Events.Count, after.Recovered.Events.Distinct().Count());
    }
}

/// <summary>Append the ids as events; reply: the last sequence nr.</summary>
internal sealed record Append(IReadOnlyList<SessionId> Ids);

/// <summary>DeleteMessages(to); reply: DeleteMessagesSuccess or DeleteMessagesFailure.</summary>
internal sealed record DeleteTo(long SequenceNr);

/// <summary>SaveSnapshot of a state; reply: SaveSnapshotSuccess or SaveSnapshotFailure.</summary>
internal sealed record Snap(SessionId State);

/// <summary>DeleteSnapshots up to a sequence nr; reply: DeleteSnapshotsSuccess or DeleteSnapshotsFailure.</summary>
internal sealed record DeleteSnaps(long MaxSequenceNr);

/// <summary>What a writer saw while recovering.</summary>
internal sealed record Recovery(IReadOnlyList<SessionId> Events, IReadOnlyList<long> SequenceNrs, long LastSequenceNr, long? SnapshotAt, SessionId? SnapshotState);

/// <summary>A started writer, what it recovered, and the persist failures it reported.</summary>
internal sealed record StartedWriter(IActorRef Writer, Recovery Recovered, System.Collections.Concurrent.ConcurrentQueue<Exception> Failures);

/// <summary>A persistent actor that stores session ids as <see cref="KeyAssigned"/> events and snapshots as <see cref="KeyLookup"/>-shaped state.</summary>
internal sealed class Writer : ReceivePersistentActor
{
    private readonly List<SessionId> _events = [];
    private readonly List<long> _sequenceNrs = [];
    private long? _snapshotAt;
    private SessionId? _snapshotState;
    private IActorRef? _deleteReplyTo;

    public Writer(string persistenceId, TaskCompletionSource<Recovery> recovered, System.Collections.Concurrent.ConcurrentQueue<Exception> failures)
    {
        PersistenceId = persistenceId;
        Failures = failures;
        Recover<SnapshotOffer>(offer =>
        {
            _snapshotAt = offer.Metadata.SequenceNr;
            _snapshotState = ((KeyAssigned)offer.Snapshot).Id;
        });
        Recover<KeyAssigned>(e =>
        {
            _events.Add(e.Id);
            _sequenceNrs.Add(LastSequenceNr);
        });
        Recover<RecoveryCompleted>(_ => recovered.TrySetResult(new Recovery([.. _events], [.. _sequenceNrs], LastSequenceNr, _snapshotAt, _snapshotState)));
        Command<Append>(append =>
        {
            var replyTo = Sender;
            var left = append.Ids.Count;
            PersistAll(append.Ids.Select(id => new KeyAssigned(id)), _ =>
            {
                if (--left == 0)
                {
                    replyTo.Tell(LastSequenceNr);
                }
            });
        });
        Command<DeleteTo>(delete =>
        {
            _deleteReplyTo = Sender;
            DeleteMessages(delete.SequenceNr);
        });
        Command<DeleteMessagesSuccess>(m => _deleteReplyTo?.Tell(m));
        Command<DeleteMessagesFailure>(m => _deleteReplyTo?.Tell(m));
        Command<Snap>(snap =>
        {
            _deleteReplyTo = Sender;
            SaveSnapshot(new KeyAssigned(snap.State));
        });
        Command<SaveSnapshotSuccess>(m => _deleteReplyTo?.Tell(m));
        Command<SaveSnapshotFailure>(m => _deleteReplyTo?.Tell(m));
        Command<DeleteSnaps>(delete =>
        {
            _deleteReplyTo = Sender;
            DeleteSnapshots(new SnapshotSelectionCriteria(delete.MaxSequenceNr));
        });
        Command<DeleteSnapshotsSuccess>(m => _deleteReplyTo?.Tell(m));
        Command<DeleteSnapshotsFailure>(m => _deleteReplyTo?.Tell(m));
    }

    public override string PersistenceId { get; }

    private System.Collections.Concurrent.ConcurrentQueue<Exception> Failures { get; }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Failures.Enqueue(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Failures.Enqueue(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}

/// <summary>A session system on one store, used only for its actor system and the journal and snapshot plugins it configured.</summary>
internal sealed class StoreUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly SessionSystem _system;
    private readonly Func<Task> _cleanup;

    private StoreUnderTest(SessionSystem system, Func<Task> cleanup)
    {
        _system = system;
        _cleanup = cleanup;
    }

    public static async Task<StoreUnderTest> StartAsync(StorageProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("jido-journal-suite-").FullName;
        var schema = "jido_suite_" + Guid.NewGuid().ToString("N");
        var storage = provider switch
        {
            StorageProvider.Sqlite => new StorageOptions { Provider = provider, SqlitePath = Path.Combine(folder, "jido.db") },
            StorageProvider.Postgres => new StorageOptions { Provider = provider, PostgresConnectionString = TestPostgres.ConnectionString, PostgresSchema = schema },
            _ => new StorageOptions { Provider = provider },
        };
        var system = await TestSessionSystems.StartAsync(TestSessionSystems.Options(o => o with { Storage = storage }));
        return new StoreUnderTest(system, async () =>
        {
            Directory.Delete(folder, recursive: true);
            if (provider == StorageProvider.Postgres)
            {
                await using var connection = new Npgsql.NpgsqlConnection(TestPostgres.ConnectionString);
                await connection.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }
        });
    }

    public string NewId() => "suite-" + Guid.NewGuid().ToString("N");

    public async Task<StartedWriter> StartWriterAsync(string persistenceId)
    {
        var recovered = new TaskCompletionSource<Recovery>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var writer = _system.ActorSystem.ActorOf(Props.Create<Writer>(persistenceId, recovered, failures));
        return new StartedWriter(writer, await recovered.Task.WaitAsync(Timeout), failures);
    }

    public Task<T> AskAsync<T>(IActorRef writer, object message) => writer.Ask<T>(message, Timeout);

    /// <summary>The reply, or null when the writer stopped (a persist failure stops it) or did not answer.</summary>
    public async Task<T?> TryAskAsync<T>(IActorRef writer, object message)
        where T : struct
    {
        try
        {
            return await writer.Ask<T>(message, TimeSpan.FromSeconds(5));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    public async Task StopAsync(IActorRef writer) => await writer.GracefulStop(Timeout);

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        await _cleanup();
    }
}
