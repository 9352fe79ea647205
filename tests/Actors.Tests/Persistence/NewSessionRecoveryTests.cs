using Akka.Actor;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Persistence;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Persistence;

/// <summary>
/// A new session's context skips the reads of its first recovery (<see cref="NewPersistenceIds"/>): every later
/// incarnation (a restart after a crash, a restart of the node) must still read everything back, and no mark may
/// outlive the session that set it.
/// </summary>
public sealed class NewSessionRecoveryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jido-new-ids-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SessionSystemOptions SqliteOptions() => TestSessionSystems.Options(o => o with
    {
        Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(_folder, "sessions.db") },
        SnapshotEvery = 3,
    });

    [Fact]
    public async Task NewSessions_ConsumeTheirMarks_AndCrashedOrRestartedContextsStillRecoverEveryMessage()
    {
        var sessions = new (SessionKey Key, SessionId Id)[40];
        await using (var system = await TestSessionSystems.StartAsync(SqliteOptions()))
        {
            var client = system.ForTenant(TenantId.Default);
            await Task.WhenAll(Enumerable.Range(0, sessions.Length).Select(async i =>
            {
                var key = SessionKey.Parse($"fresh-{i}");
                var created = await client.GetOrCreateAsync(key);
                Assert.True(created.Created);
                sessions[i] = (key, created.Session.Id);
                foreach (var n in Enumerable.Range(0, 4))
                {
                    await client.SendAsync(created.Session.Id, $"canary {n} of {i}");
                }
            }));

            // Each context answered a turn, so each recovered and consumed its mark.
            var marks = NewPersistenceIds.Get(system.ActorSystem);
            Assert.True(marks.Honoured);
            Assert.Equal(0, marks.Count);

            // A crash restarts the context in place (its mailbox kept, so the reads below reach the new incarnation);
            // this incarnation has no mark and must read its snapshot and journal back.
            foreach (var (_, id) in sessions)
            {
                var context = await system.ActorSystem.ActorSelection($"/system/sharding/session/*/{id}/context").ResolveOne(TimeSpan.FromSeconds(10));
                context.Tell(Kill.Instance, ActorRefs.NoSender);
            }

            foreach (var (i, (_, id)) in sessions.Index())
            {
                var history = await client.GetHistoryAsync(id);
                Assert.Equal(
                    Enumerable.Range(0, 4).Select(n => $"canary {n} of {i}"),
                    history.Where(e => e.Role == MessageRole.User).Select(e => e.Text));
            }
        }

        // And after the node restarts, on the same file.
        await using var again = await TestSessionSystems.StartAsync(SqliteOptions());
        var reopened = again.ForTenant(TenantId.Default);
        foreach (var (i, (key, id)) in sessions.Index())
        {
            var adopted = await reopened.GetOrCreateAsync(key);
            Assert.False(adopted.Created);
            Assert.Equal(id, adopted.Session.Id);
            var history = await reopened.GetHistoryAsync(id);
            Assert.Equal(
                Enumerable.Range(0, 4).Select(n => $"canary {n} of {i}"),
                history.Where(e => e.Role == MessageRole.User).Select(e => e.Text));
            Assert.Contains($"canary 0 of {i}", (await reopened.SendAsync(id, "what did I say first?")).Text);
        }

        Assert.Equal(0, NewPersistenceIds.Get(again.ActorSystem).Count);
    }

    [Fact]
    public async Task AMarkItsContextNeverRead_GoesWhenTheSessionStops()
    {
        // A context that never recovers (it is not persistent): the mark its session set stays unconsumed.
        await using var system = await TestSessionSystems.StartAsync(
            SqliteOptions(),
            contextProps: (_, _, _, _) => Props.Create<SilentContext>());
        var client = system.ForTenant(TenantId.Default);
        var marks = NewPersistenceIds.Get(system.ActorSystem);
        var session = await client.CreateAsync();
        Assert.Equal(0, marks.Count);

        // A config change is the first use here: it starts the context (to journal the config it supersedes).
        await client.SetConfigAsync(session.Id, new SessionConfig { Voice = "calm" });
        Assert.Equal(1, marks.Count);
        Assert.True(marks.IsNew("context-" + session.Id));

        var entity = await system.EntityOf(TenantId.Default, session.Id);
        var watcher = Inbox.Create(system.ActorSystem);
        watcher.Watch(entity);
        system.ActorSystem.Stop(entity);
        Assert.IsType<Terminated>(await watcher.ReceiveAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(0, marks.Count);
        Assert.False(marks.IsNew("context-" + session.Id));
    }

    [Fact]
    public async Task OnAStoreThatReadsNoMarks_NoneIsSet()
    {
        await using var system = await TestSessionSystems.StartAsync();
        var client = system.ForTenant(TenantId.Default);
        var session = await client.CreateAsync();
        await client.SendAsync(session.Id, "hello");

        var marks = NewPersistenceIds.Get(system.ActorSystem);
        Assert.False(marks.Honoured);
        Assert.Equal(0, marks.Count);
        Assert.Single(await client.GetHistoryAsync(session.Id), e => e.Role == MessageRole.User && e.Text == "hello");
    }

    private sealed class SilentContext : ReceiveActor
    {
        public SilentContext() => ReceiveAny(_ => { });
    }
}
