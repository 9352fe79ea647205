using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Client;

/// <summary>
/// What every <see cref="ISessionClient"/> must do, whatever carries it (in-process actors, HTTP).
/// Subclasses start a backend in <see cref="StartBackendAsync"/> and hand out tenant-scoped clients.
/// </summary>
public abstract class SessionClientContractTests : IAsyncLifetime
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly TenantId Globex = TenantId.Parse("globex");

    /// <summary>Starts the backend once per test.</summary>
    protected abstract Task StartBackendAsync();

    /// <summary>Stops it.</summary>
    protected abstract Task StopBackendAsync();

    /// <summary>A client for <paramref name="tenant"/> against the running backend.</summary>
    protected abstract ISessionClient ClientFor(TenantId tenant);

    private ISessionClient Client => ClientFor(Acme);

    public Task InitializeAsync() => StartBackendAsync();

    public Task DisposeAsync() => StopBackendAsync();

    [Fact]
    public async Task Create_NewSession_IsActiveWithItsConfig()
    {
        var session = await Client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { Voice = "alloy" } });

        Assert.Equal(SessionStatus.Active, session.Status);
        Assert.Equal(Acme, session.Tenant);
        Assert.Equal("alloy", session.Config.Voice);
        Assert.Null(session.Key);
        Assert.Equal(session, await Client.GetInfoAsync(session.Id));
    }

    [Fact]
    public async Task GetOrCreate_SameKeyTwice_AdoptsTheFirstSession()
    {
        var key = SessionKey.Parse("agent:main:user:c1");

        var first = await Client.GetOrCreateAsync(key);
        var second = await Client.GetOrCreateAsync(key);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Session.Id, second.Session.Id);
        Assert.Equal(key, second.Session.Key);
    }

    [Fact]
    public async Task GetOrCreate_ManyConcurrentCallers_ConvergeOnOneSession()
    {
        for (var round = 0; round < 3; round++)
        {
            var key = SessionKey.Parse($"race-{round}");

            var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => Client.GetOrCreateAsync(key))));

            Assert.Single(results.Select(r => r.Session.Id).Distinct());
            Assert.Single(results, r => r.Created);
        }
    }

    [Fact]
    public async Task GetOrCreate_SameKeyOtherTenant_IsAnotherSession()
    {
        var key = SessionKey.Parse("shared-name");

        var mine = await Client.GetOrCreateAsync(key);
        var theirs = await ClientFor(Globex).GetOrCreateAsync(key);

        Assert.NotEqual(mine.Session.Id, theirs.Session.Id);
        Assert.True(theirs.Created);
    }

    [Fact]
    public async Task Send_TwoCallers_EachReplyReflectsOnlyItsOwnHistory()
    {
        var callA = (await Client.GetOrCreateAsync(SessionKey.Parse("call-A"))).Session.Id;
        var callB = (await Client.GetOrCreateAsync(SessionKey.Parse("call-B"))).Session.Id;

        await Task.WhenAll(Client.SendAsync(callA, "my name is Alice"), Client.SendAsync(callB, "my name is Bob"));
        var replies = await Task.WhenAll(Client.SendAsync(callA, "what did I say first?"), Client.SendAsync(callB, "what did I say first?"));

        Assert.Contains("Alice", replies[0].Text);
        Assert.DoesNotContain("Bob", replies[0].Text);
        Assert.Contains("Bob", replies[1].Text);
        Assert.DoesNotContain("Alice", replies[1].Text);
    }

    [Fact]
    public async Task Send_Turn_AppendsUserAndAssistantMessagesToHistory()
    {
        var session = await Client.CreateAsync();

        var reply = await Client.SendAsync(session.Id, "hello there");
        var history = await Client.GetHistoryAsync(session.Id);

        Assert.Collection(history,
            user => Assert.Equal((MessageRole.User, "hello there"), (user.Role, user.Text)),
            assistant => Assert.Equal((MessageRole.Assistant, reply.Text, reply.Sequence), (assistant.Role, assistant.Text, assistant.Sequence)));
        Assert.Equal(2, (await Client.GetInfoAsync(session.Id)).MessageCount);
    }

    [Fact]
    public async Task SendStreaming_Deltas_ConcatenateToTheCompletedReply()
    {
        var session = await Client.CreateAsync();

        var updates = new List<TurnUpdate>();
        await foreach (var update in Client.SendStreamingAsync(session.Id, "tell me something"))
        {
            updates.Add(update);
        }

        var completed = Assert.Single(updates, u => u.Completed is not null).Completed!;
        Assert.Equal(completed.Text, string.Concat(updates.Select(u => u.Delta)));
        Assert.True(updates.Count(u => u.Delta.Length > 0) > 1);
        Assert.Equal(2, (await Client.GetHistoryAsync(session.Id)).Count);
    }

    [Fact]
    public async Task Send_BlankMessage_IsRejectedAndChangesNothing()
    {
        var session = await Client.CreateAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => Client.SendAsync(session.Id, "   "));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Empty(await Client.GetHistoryAsync(session.Id));
    }

    [Fact]
    public async Task Terminate_OneSession_LeavesTheOtherAndFreesTheKey()
    {
        var key = SessionKey.Parse("ending");
        var ending = (await Client.GetOrCreateAsync(key)).Session.Id;
        var staying = (await Client.CreateAsync()).Id;
        await Client.SendAsync(staying, "remember pineapple");

        await Client.TerminateAsync(ending);

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.GetInfoAsync(ending));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.SendAsync(ending, "anyone?"));
        Assert.Contains("pineapple", (await Client.SendAsync(staying, "what did I ask you to remember?")).Text);
        var again = await Client.GetOrCreateAsync(key);
        Assert.True(again.Created);
        Assert.NotEqual(ending, again.Session.Id);
        Assert.Empty(await Client.GetHistoryAsync(again.Session.Id));
    }

    [Fact]
    public async Task Terminate_UnknownSession_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.TerminateAsync(SessionId.New()));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task GetInfo_AnotherTenantsSession_LooksUnknown()
    {
        var theirs = await ClientFor(Globex).CreateAsync();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.GetInfoAsync(theirs.Id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.SendAsync(theirs.Id, "hijack"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.TerminateAsync(theirs.Id));
        Assert.Equal(SessionStatus.Active, (await ClientFor(Globex).GetInfoAsync(theirs.Id)).Status);
    }

    [Fact]
    public async Task SetConfig_TwoSessionsOfOneUser_EachKeepsItsOwnVoice()
    {
        var first = await Client.CreateAsync();
        var second = await Client.CreateAsync();

        await Task.WhenAll(
            Client.SetConfigAsync(first.Id, new SessionConfig { Voice = "alloy" }),
            Client.SetConfigAsync(second.Id, new SessionConfig { Voice = "verse" }));

        Assert.Equal("alloy", (await Client.GetInfoAsync(first.Id)).Config.Voice);
        Assert.Equal("verse", (await Client.GetInfoAsync(second.Id)).Config.Voice);
    }

    [Fact]
    public async Task SetConfig_InvalidPatch_IsRejectedAndChangesNothing()
    {
        var session = await Client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { MaxHistory = 10 } });

        var error = await Assert.ThrowsAsync<ValidationException>(() => Client.SetConfigAsync(session.Id, new SessionConfig { MaxHistory = 0, Voice = "x" }));

        Assert.Contains("maxHistory", error.Errors.Keys);
        var after = await Client.GetInfoAsync(session.Id);
        Assert.Equal(10, after.Config.MaxHistory);
        Assert.Null(after.Config.Voice);
    }

    [Fact]
    public async Task List_ByStatusWithPaging_ReturnsOnlyThisTenantsNewestFirst()
    {
        var created = new List<SessionId>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Client.CreateAsync()).Id);
        }

        await ClientFor(Globex).CreateAsync();

        var firstPage = await Client.ListAsync(new ListSessionsQuery(SessionStatus.Active, 0, 3));
        var secondPage = await Client.ListAsync(new ListSessionsQuery(SessionStatus.Active, 3, 3));

        Assert.Equal(5, firstPage.Total);
        Assert.Equal(3, firstPage.Items.Count);
        Assert.Equal(2, secondPage.Items.Count);
        Assert.Equal(Enumerable.Reverse(created), firstPage.Items.Concat(secondPage.Items).Select(s => s.Id));
        Assert.Equal(0, (await Client.ListAsync(new ListSessionsQuery(SessionStatus.Terminated))).Total);
    }

    [Fact]
    public async Task Files_AddListRemove_RoundTrip()
    {
        var session = await Client.CreateAsync();

        var added = await Client.AddFileAsync(session.Id, new SessionFile("src/app.cs", "class App {}"));
        var listed = await Client.ListFilesAsync(session.Id);
        var removed = await Client.RemoveFileAsync(session.Id, "src/app.cs");
        var removedAgain = await Client.RemoveFileAsync(session.Id, "src/app.cs");

        Assert.Equal("src/app.cs", added.Path);
        Assert.Equal(12, added.Length);
        Assert.Equal("src/app.cs", Assert.Single(listed).Path);
        Assert.True(removed);
        Assert.False(removedAgain);
        Assert.Empty(await Client.ListFilesAsync(session.Id));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("bad\u0001name")]
    public async Task AddFile_BadPath_IsRejectedAndChangesNothing(string path)
    {
        var session = await Client.CreateAsync();

        await Assert.ThrowsAsync<ValidationException>(() => Client.AddFileAsync(session.Id, new SessionFile(path, "x")));

        Assert.Empty(await Client.ListFilesAsync(session.Id));
    }

    [Fact]
    public async Task Subscribe_ToOneSession_SeesOnlyThatSessionsEvents()
    {
        var watched = await Client.CreateAsync();
        var other = await Client.CreateAsync();
        await using var subscription = await Client.SubscribeAsync(watched.Id);

        await Client.SendAsync(other.Id, "not for you");
        await Client.SendAsync(watched.Id, "for you");
        await Client.TerminateAsync(watched.Id);

        var seen = new List<SessionEvent>();
        await foreach (var @event in subscription.WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            seen.Add(@event);
            if (@event is SessionTerminated)
            {
                break;
            }
        }

        Assert.All(seen, e => Assert.Equal(watched.Id, e.SessionId));
        Assert.Contains(seen, e => e is MessageAppended { Text: "for you" });
    }

    [Fact]
    public async Task Subscribe_Globally_SeesCreatedAndTerminatedOfThisTenantOnly()
    {
        await using var subscription = await Client.SubscribeAsync();

        await ClientFor(Globex).CreateAsync();
        var session = await Client.CreateAsync();
        await Client.TerminateAsync(session.Id);

        var seen = new List<SessionEvent>();
        await foreach (var @event in subscription.WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            seen.Add(@event);
            if (@event is SessionTerminated)
            {
                break;
            }
        }

        Assert.All(seen, e => Assert.Equal(Acme, e.Tenant));
        Assert.Equal(session.Id, Assert.Single(seen.OfType<SessionCreated>()).SessionId);
        Assert.Contains(seen, e => e is SessionStatusChanged { To: SessionStatus.Terminated });
    }

    [Fact]
    public async Task Subscribe_UnknownSession_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Client.SubscribeAsync(SessionId.New()));
    }

    [Fact]
    public async Task CancelTurn_WhenIdle_ReturnsFalse()
    {
        var session = await Client.CreateAsync();

        Assert.False(await Client.CancelTurnAsync(session.Id));
    }
}
