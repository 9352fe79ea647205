using System.Diagnostics;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Events;
using JidoSessions.Actors.Hosting;
using JidoSessions.Client;
using JidoSessions.Persistence.Actors;
using JidoSessions.Persistence.Journal;
using JidoSessions.Persistence.Snapshots;
using JidoSessions.Persistence.Sqlite;
using JidoSessions.Runtime;

namespace JidoSessions.Bench.Persistence;

/// <summary>Recovery of one long session, and start-up with many stored sessions, on SQLite.</summary>
internal static class SessionStoreBench
{
    /// <summary>Milliseconds for a ContextManager with <paramref name="events"/> turns to answer after start, without and with a snapshot.</summary>
    public static async Task<(double WithoutSnapshotMs, double WithSnapshotMs)> RecoveryAsync(string dir, int events, int trials)
    {
        var path = Path.Combine(dir, $"recovery-{Guid.NewGuid():N}.db");
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions(path));
        var serializer = SessionSystem.BuildSerializer();
        var id = SessionId.New();
        var persistenceId = $"context-{id}";
        var state = ContextState.Empty;
        var at = DateTimeOffset.UnixEpoch;
        for (var written = 0; written < events;)
        {
            var batch = new List<EventToWrite>();
            for (var i = 0; i < 500 && written < events; i++, written++)
            {
                var turn = new TurnRecorded($"user message number {written} with some text", $"assistant reply number {written} with some more text", at);
                state = state.Apply(turn);
                var (manifest, payload) = serializer.Serialize(turn);
                batch.Add(new EventToWrite(written + 1, manifest, payload));
            }

            await store.AppendAsync(persistenceId, batch);
        }

        await using var system = ActorSystem.Create("recovery-bench");
        PersistenceExtension.Register(system, new PersistenceExtension(store, store, serializer));
        var publisher = new SessionEventPublisher(system);

        var without = await MedianAsync(trials, () => TimeRecoveryAsync(system, id, publisher));
        var (snapshotManifest, snapshotPayload) = serializer.Serialize(ContextSnapshot.From(state));
        await ((ISnapshotStore)store).SaveAsync(new SnapshotEntry(persistenceId, events, DateTimeOffset.UnixEpoch, snapshotManifest, snapshotPayload));
        var with = await MedianAsync(trials, () => TimeRecoveryAsync(system, id, publisher));
        return (without, with);
    }

    /// <summary>Seconds from start to ready (storage opened, directory recovered) with <paramref name="sessions"/> stored sessions.</summary>
    public static async Task<double> ReadyAsync(string dir, int sessions)
    {
        var options = new SessionSystemOptions
        {
            SystemName = "ready-bench",
            Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(dir, $"ready-{sessions}-{Guid.NewGuid():N}.db") },
        };
        await using (var seeding = await SessionSystem.StartAsync(options))
        {
            var client = seeding.ForTenant(TenantId.Default);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < sessions)
                {
                    await client.CreateAsync();
                }
            })));
        }

        var started = Stopwatch.GetTimestamp();
        await using var restarted = await SessionSystem.StartAsync(options);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var total = (await restarted.ForTenant(TenantId.Default).ListAsync(new ListSessionsQuery(Limit: 1))).Total;
        return total == sessions ? seconds : throw new InvalidOperationException($"expected {sessions} sessions after restart, found {total}");
    }

    private static async Task<double> TimeRecoveryAsync(ActorSystem system, SessionId id, SessionEventPublisher publisher)
    {
        var started = Stopwatch.GetTimestamp();
        var context = system.ActorOf(Props.Create(() => new ContextManager(id, TenantId.Default, publisher, int.MaxValue)));
        var history = await context.Ask<IReadOnlyList<HistoryEntry>>(JidoSessions.Actors.Sessions.GetHistory.Instance, TimeSpan.FromMinutes(2));
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        system.Stop(context);
        return history.Count > 0 ? ms : throw new InvalidOperationException("recovered an empty history");
    }

    private static async Task<double> MedianAsync(int trials, Func<Task<double>> trial)
    {
        var results = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            results.Add(await trial());
        }

        results.Sort();
        return results[results.Count / 2];
    }
}
