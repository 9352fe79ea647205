using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;
using JidoSessions.TestKit;

namespace JidoSessions.Actors.Tests.Sessions;

/// <summary>
/// Forks and rewinds on the real session system: what the model reads, forks racing a running turn and each other,
/// and both surviving a restart on SQLite. (What every client sees is in SessionClientContractTests.ForkRewind.)
/// </summary>
public sealed class ForkRewindTests : IDisposable
{
    private static readonly TenantId Tenant = TenantId.Parse("acme");
    private readonly string _folder = Directory.CreateTempSubdirectory("jido-fork-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Rewind_ThenATurn_TheModelReadsNoneOfTheRewoundMessages()
    {
        var chat = ScriptedChatClient.Answering(messages => "answer to " + messages[^1].Text);
        await using var system = await TestSessionSystems.StartAsync(chat: chat);
        var client = system.ForTenant(Tenant);
        var session = await client.CreateAsync();
        foreach (var text in new[] { "keep me", "forget me", "forget me too" })
        {
            await client.SendAsync(session.Id, text);
        }

        await client.RewindAsync(session.Id, 2);

        // The answering client records every call it answered: drop the three before the rewind.
        while (chat.TryTakeCall() is not null)
        {
        }

        await client.SendAsync(session.Id, "what do you know?");

        var call = chat.TryTakeCall();
        Assert.NotNull(call);
        var seen = call.Messages.Select(m => m.Text).ToArray();
        Assert.Contains("keep me", seen);
        Assert.Contains("answer to keep me", seen);
        Assert.DoesNotContain(seen, t => t.Contains("forget me", StringComparison.Ordinal));
        Assert.Equal("what do you know?", seen[^1]);
    }

    [Fact]
    public async Task Fork_WhileATurnRunsOnTheSource_SeesAConsistentPrefix_AndRewindWaits()
    {
        var chat = new ScriptedChatClient();
        await using var system = await TestSessionSystems.StartAsync(chat: chat);
        var client = system.ForTenant(Tenant);
        var source = await client.CreateAsync();
        var first = client.SendAsync(source.Id, "one");
        (await chat.NextCallAsync()).Reply("reply one");
        await first;

        var running = client.SendAsync(source.Id, "two");
        var call = await chat.NextCallAsync();

        // The model is mid-turn: the fork has what is committed, never half a turn; a rewind is refused.
        var fork = await client.ForkAsync(source.Id, new ForkSessionRequest(2));
        await Assert.ThrowsAsync<TurnInProgressException>(() => client.RewindAsync(source.Id, 2));
        call.Reply("reply two");
        await running;

        Assert.Equal(["one", "reply one"], (await client.GetHistoryAsync(fork.Id)).Select(h => h.Text));
        Assert.Equal(["one", "reply one", "two", "reply two"], (await client.GetHistoryAsync(source.Id)).Select(h => h.Text));

        // Forking at the message the running turn was about to follow still sees only whole turns, repeatedly.
        for (var round = 0; round < 5; round++)
        {
            var turn = client.SendAsync(source.Id, $"round {round}");
            var pending = await chat.NextCallAsync();
            var atNewest = (await client.GetHistoryAsync(source.Id))[^1].Sequence;
            var racing = client.ForkAsync(source.Id, new ForkSessionRequest(atNewest));
            pending.Reply($"reply {round}");
            await turn;
            var copy = await client.GetHistoryAsync((await racing).Id);
            Assert.Equal((await client.GetHistoryAsync(source.Id)).TakeWhile(h => h.Sequence <= atNewest), copy);
        }
    }

    [Fact]
    public async Task Fork_OneHundredAtOnce_OneHundredDistinctSessions_EachWithExactlyThePrefix()
    {
        await using var system = await TestSessionSystems.StartAsync();
        var client = system.ForTenant(Tenant);
        var source = await client.CreateAsync();
        await client.AddFileAsync(source.Id, new SessionFile("notes.md", "the notes"));
        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync(source.Id, $"message {i}");
        }

        var prefix = (await client.GetHistoryAsync(source.Id)).Take(6).ToArray();
        for (var round = 0; round < 2; round++)
        {
            var forks = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.ForkAsync(source.Id, new ForkSessionRequest(6))));

            Assert.Equal(100, forks.Select(f => f.Id).Distinct().Count());
            Assert.DoesNotContain(source.Id, forks.Select(f => f.Id));
            var histories = await Task.WhenAll(forks.Select(f => client.GetHistoryAsync(f.Id)));
            Assert.All(histories, h => Assert.Equal(prefix, h));
            var files = await Task.WhenAll(forks.Select(f => client.ListFilesAsync(f.Id)));
            Assert.All(files, f => Assert.Equal("notes.md", Assert.Single(f).Path));
            Assert.All(forks, f => Assert.Equal(6, f.MessageCount));
        }

        var listed = await client.ListAsync(new ListSessionsQuery(Limit: 1000));
        Assert.Equal(201, listed.Total);
        Assert.Equal(10, (await client.GetHistoryAsync(source.Id)).Count);
    }

    [Fact]
    public async Task Fork_ManyAtOnceWithOneKey_ExactlyOneGetsTheKey_TheOthersAreRefused()
    {
        await using var system = await TestSessionSystems.StartAsync();
        var client = system.ForTenant(Tenant);
        var source = await client.CreateAsync();
        await client.SendAsync(source.Id, "hello");
        var key = SessionKey.Parse("the-fork");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (Info: await client.ForkAsync(source.Id, new ForkSessionRequest(2, key)), Error: (ValidationException?)null);
            }
            catch (ValidationException error)
            {
                return (Info: (SessionInfo?)null, Error: error);
            }
        }));

        var winner = Assert.Single(attempts, a => a.Info is not null).Info!;
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.Equal(["key"], a.Error!.Errors.Keys));
        Assert.Equal(winner.Id, (await client.FindByKeyAsync(key))!.Id);
        Assert.Equal(2, (await client.ListAsync()).Total);
    }

    [Fact]
    public async Task ForksAndRewinds_SurviveARestartOnSqlite()
    {
        var options = TestSessionSystems.Options(o => o with
        {
            Storage = new StorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(_folder, "sessions.db") },
            SnapshotEvery = 3,
        });
        SessionId sourceId, forkId, keyedForkId;
        IReadOnlyList<HistoryEntry> sourceHistory, forkHistory;
        IReadOnlyList<HistoryAuditEntry> sourceAudit;
        await using (var first = await TestSessionSystems.StartAsync(options))
        {
            var client = first.ForTenant(Tenant);
            var source = await client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { Voice = "v1" } });
            sourceId = source.Id;
            await client.AddFileAsync(sourceId, new SessionFile("a.md", "version one"));
            await client.SendAsync(sourceId, "one");
            await client.SendAsync(sourceId, "two");
            await client.SetConfigAsync(sourceId, new SessionConfig { Voice = "v2" });
            await client.AddFileAsync(sourceId, new SessionFile("a.md", "version two"));
            await client.SendAsync(sourceId, "three");
            await client.RewindAsync(sourceId, 4);
            await client.SendAsync(sourceId, "three, again");
            forkId = (await client.ForkAsync(sourceId, new ForkSessionRequest(2))).Id;
            await client.SendAsync(forkId, "in the fork");
            keyedForkId = (await client.ForkAsync(sourceId, new ForkSessionRequest(8, SessionKey.Parse("keyed-fork")))).Id;
            sourceHistory = await client.GetHistoryAsync(sourceId);
            forkHistory = await client.GetHistoryAsync(forkId);
            sourceAudit = await client.GetHistoryAuditAsync(sourceId);
        }

        await using var second = await TestSessionSystems.StartAsync(options);
        var again = second.ForTenant(Tenant);

        Assert.Equal(sourceHistory, await again.GetHistoryAsync(sourceId));
        Assert.Equal([1L, 2, 3, 4, 7, 8], sourceHistory.Select(h => h.Sequence));
        Assert.Equal(sourceAudit, await again.GetHistoryAuditAsync(sourceId));
        Assert.Equal(forkHistory, await again.GetHistoryAsync(forkId));
        Assert.Equal(["one", "reply", "in the fork", "reply"], forkHistory.Select(h => h.Text.StartsWith("in the", StringComparison.Ordinal) || h.Text is "one" ? h.Text : "reply"));
        Assert.Equal("v1", (await again.GetInfoAsync(forkId)).Config.Voice);
        Assert.Equal("v2", (await again.GetInfoAsync(keyedForkId)).Config.Voice);
        Assert.Equal(keyedForkId, (await again.FindByKeyAsync(SessionKey.Parse("keyed-fork")))!.Id);

        // Files as of message 2 (version one) and as of message 8 (version two), still after the restart.
        var forkFile = Assert.Single(await again.ListFilesAsync(forkId));
        var keyedFile = Assert.Single(await again.ListFilesAsync(keyedForkId));
        Assert.NotEqual(forkFile.Sha256, keyedFile.Sha256);
        Assert.Equal(keyedFile.Sha256, Assert.Single(await again.ListFilesAsync(sourceId)).Sha256);
        Assert.Equal(HistoryAuditKind.Fork, (await again.GetHistoryAuditAsync(keyedForkId))[0].Kind);

        // The rewound source continues its sequence after the restart too.
        Assert.Equal(10, (await again.SendAsync(sourceId, "after the restart")).Sequence);
    }
}
