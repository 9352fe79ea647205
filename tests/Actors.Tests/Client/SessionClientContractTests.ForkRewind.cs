using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Client;

/// <summary>Forks and rewinds (time travel), the same through every client.</summary>
public abstract partial class SessionClientContractTests
{
    [Fact]
    public async Task Fork_AtAMessage_HasTheHistoryFilesAndConfigOfThatMoment_AndTheSourceIsUntouched()
    {
        var source = await Client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { Voice = "before" } });
        var notesBefore = await Client.AddFileAsync(source.Id, new SessionFile("notes.md", "first draft"));
        await Client.SendAsync(source.Id, "one");
        await Client.SendAsync(source.Id, "two");
        await Client.SetConfigAsync(source.Id, new SessionConfig { Voice = "after" });
        await Client.AddFileAsync(source.Id, new SessionFile("later.md", "added after message 4"));
        await Client.AddFileAsync(source.Id, new SessionFile("notes.md", "second draft"));
        await Client.SendAsync(source.Id, "three");
        var sourceHistory = await Client.GetHistoryAsync(source.Id);
        var sourceFiles = await Client.ListFilesAsync(source.Id);

        var fork = await Client.ForkAsync(source.Id, new ForkSessionRequest(AtSequence: 4));

        Assert.NotEqual(source.Id, fork.Id);
        Assert.Equal((Acme, SessionStatus.Active, 4, "before"), (fork.Tenant, fork.Status, fork.MessageCount, fork.Config.Voice));
        Assert.Null(fork.Key);
        Assert.Equal(sourceHistory.Take(4), await Client.GetHistoryAsync(fork.Id));
        var forkFiles = await Client.ListFilesAsync(fork.Id);
        Assert.Equal(notesBefore.Sha256, Assert.Single(forkFiles).Sha256);

        // The source reads back exactly as before.
        Assert.Equal(sourceHistory, await Client.GetHistoryAsync(source.Id));
        Assert.Equal(sourceFiles.Select(f => (f.Path, f.Sha256)), (await Client.ListFilesAsync(source.Id)).Select(f => (f.Path, f.Sha256)));
        Assert.Equal("after", (await Client.GetInfoAsync(source.Id)).Config.Voice);

        // The fork is a session of its own: its next message follows message 4, and the source does not see it.
        var reply = await Client.SendAsync(fork.Id, "four, in the fork");
        Assert.Equal(6, reply.Sequence);
        Assert.Equal(6, (await Client.GetHistoryAsync(source.Id)).Count);
        var audit = await Client.GetHistoryAuditAsync(fork.Id);
        Assert.Equal((HistoryAuditKind.Fork, 4L), (audit[0].Kind, audit[0].Sequence));
        Assert.Contains(source.Id.ToString(), audit[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fork_WithAKey_TheKeyNamesTheFork_AndATakenKeyIsRefusedCreatingNothing()
    {
        var source = await Client.CreateAsync();
        await Client.SendAsync(source.Id, "hello");
        var taken = (await Client.GetOrCreateAsync(SessionKey.Parse("taken-key"))).Session;
        var before = (await Client.ListAsync()).Total;

        var fork = await Client.ForkAsync(source.Id, new ForkSessionRequest(2, SessionKey.Parse("fork-key")));
        var refused = await Assert.ThrowsAsync<ValidationException>(() => Client.ForkAsync(source.Id, new ForkSessionRequest(2, SessionKey.Parse("taken-key"))));

        Assert.Equal(SessionKey.Parse("fork-key"), fork.Key);
        Assert.Equal(fork.Id, (await Client.FindByKeyAsync(SessionKey.Parse("fork-key")))!.Id);
        Assert.Equal(["key"], refused.Errors.Keys);
        Assert.Equal(taken.Id, (await Client.FindByKeyAsync(SessionKey.Parse("taken-key")))!.Id);
        Assert.Equal(0, (await Client.GetInfoAsync(taken.Id)).MessageCount);
        Assert.Equal(before + 1, (await Client.ListAsync()).Total);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(long.MaxValue)]
    public async Task Fork_AtASequenceTheHistoryDoesNotHold_IsRefusedNamingItAndCreatesNothing(long atSequence)
    {
        var source = await Client.CreateAsync();
        await Client.SendAsync(source.Id, "hello");
        var before = (await Client.ListAsync()).Total;

        var error = await Assert.ThrowsAsync<ValidationException>(() => Client.ForkAsync(source.Id, new ForkSessionRequest(atSequence)));

        Assert.Equal(["atSequence"], error.Errors.Keys);
        Assert.Equal(before, (await Client.ListAsync()).Total);
        Assert.Equal(2, (await Client.GetHistoryAsync(source.Id)).Count);
    }

    [Fact]
    public async Task ForkAndRewind_AnotherTenantsOrAnEndedSession_AreNotFound_AndChangeNothing()
    {
        var foreign = await ClientFor(Globex).CreateAsync();
        await ClientFor(Globex).SendAsync(foreign.Id, "globex only");
        await ClientFor(Globex).SendAsync(foreign.Id, "still globex");
        var ended = await Client.CreateAsync();
        await Client.SendAsync(ended.Id, "bye");
        await Client.TerminateAsync(ended.Id);

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.ForkAsync(foreign.Id, new ForkSessionRequest(1)));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.RewindAsync(foreign.Id, 2));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.GetHistoryAuditAsync(foreign.Id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.ForkAsync(ended.Id, new ForkSessionRequest(1)));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.RewindAsync(ended.Id, 1));

        Assert.Equal(4, (await ClientFor(Globex).GetHistoryAsync(foreign.Id)).Count);
        Assert.Equal(1, (await ClientFor(Globex).ListAsync()).Total);
        Assert.Equal(0, (await Client.ListAsync()).Total);
    }

    [Fact]
    public async Task Rewind_HidesTheLaterMessages_TheNextTurnContinuesTheSequence_AndTheAuditKeepsEverything()
    {
        var session = await Client.CreateAsync();
        foreach (var text in new[] { "one", "two", "three" })
        {
            await Client.SendAsync(session.Id, text);
        }

        var all = await Client.GetHistoryAsync(session.Id);

        var rewound = await Client.RewindAsync(session.Id, 2);
        Assert.Equal(2, rewound.MessageCount);
        Assert.Equal(all.Take(2), await Client.GetHistoryAsync(session.Id));

        var reply = await Client.SendAsync(session.Id, "three, again");
        Assert.Equal(8, reply.Sequence);
        var history = await Client.GetHistoryAsync(session.Id);
        Assert.Equal([1L, 2, 7, 8], history.Select(h => h.Sequence));
        Assert.Equal("three, again", history[2].Text);
        Assert.Equal(4, (await Client.GetInfoAsync(session.Id)).MessageCount);

        var audit = await Client.GetHistoryAuditAsync(session.Id);
        Assert.Equal(
            ["message 1", "message 2", "rewound 3", "rewound 4", "rewound 5", "rewound 6", "rewind 2", "message 7", "message 8"],
            audit.Select(a => a.Kind == HistoryAuditKind.Rewind ? $"rewind {a.Sequence}" : $"{(a.Rewound ? "rewound" : "message")} {a.Sequence}"));
        Assert.Equal(all.Skip(2).Select(h => h.Text), audit.Where(a => a.Rewound).Select(a => a.Text));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Rewind_ToASequenceTheHistoryDoesNotHold_IsRefusedNamingItAndChangesNothing(long toSequence)
    {
        var session = await Client.CreateAsync();
        await Client.SendAsync(session.Id, "one");
        await Client.SendAsync(session.Id, "two");
        await Client.RewindAsync(session.Id, 2);

        // 3 and 4 are hidden now: not a target any more.
        var hidden = await Assert.ThrowsAsync<ValidationException>(() => Client.RewindAsync(session.Id, 3));
        var error = await Assert.ThrowsAsync<ValidationException>(() => Client.RewindAsync(session.Id, toSequence));

        Assert.Equal(["toSequence"], hidden.Errors.Keys);
        Assert.Equal(["toSequence"], error.Errors.Keys);
        Assert.Equal([1L, 2], (await Client.GetHistoryAsync(session.Id)).Select(h => h.Sequence));
        Assert.Single(await Client.GetHistoryAuditAsync(session.Id), a => a.Kind == HistoryAuditKind.Rewind);
    }

    [Fact]
    public async Task ForkAndRewind_ArePublished_ToTheTenantsStream()
    {
        var source = await Client.CreateAsync();
        await Client.SendAsync(source.Id, "one");
        await Client.SendAsync(source.Id, "two");
        await using var subscription = await Client.SubscribeAsync();

        var fork = await Client.ForkAsync(source.Id, new ForkSessionRequest(2));
        await Client.RewindAsync(source.Id, 4);
        await Client.TerminateAsync(source.Id);

        var seen = await ReadUntilTerminatedAsync(subscription);

        var forked = Assert.Single(seen.OfType<SessionForked>());
        Assert.Equal((fork.Id, source.Id, 2L), (forked.SessionId, forked.SourceSessionId, forked.AtSequence));
        Assert.True(seen.FindIndex(e => e is SessionCreated created && created.SessionId == fork.Id) < seen.IndexOf(forked));

        // A rewind to the newest message hides nothing: no event.
        Assert.Empty(seen.OfType<SessionRewound>());
    }

    [Fact]
    public async Task Rewind_IsPublished_WhenItHidesMessages()
    {
        var session = await Client.CreateAsync();
        await Client.SendAsync(session.Id, "one");
        await Client.SendAsync(session.Id, "two");
        await using var subscription = await Client.SubscribeAsync(session.Id);

        await Client.RewindAsync(session.Id, 2);
        await Client.TerminateAsync(session.Id);

        var seen = await ReadUntilTerminatedAsync(subscription);

        Assert.Equal(2, Assert.Single(seen.OfType<SessionRewound>()).ToSequence);
    }
}
