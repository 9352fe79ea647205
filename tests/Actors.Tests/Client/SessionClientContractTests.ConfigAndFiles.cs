using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Client;

/// <summary>Config, listing and files.</summary>
public abstract partial class SessionClientContractTests
{
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

    [Theory]
    [InlineData("model", "gpt\n4")]
    [InlineData("model", "tab\tbed")]
    [InlineData("voice", "al\rloy")]
    public async Task SetConfig_LineBreakOrTabInModelOrVoice_IsRejectedNamingTheField(string field, string value)
    {
        var session = await Client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { Model = "m", Voice = "v" } });
        var patch = field == "model" ? new SessionConfig { Model = value } : new SessionConfig { Voice = value };

        var error = await Assert.ThrowsAsync<ValidationException>(() => Client.SetConfigAsync(session.Id, patch));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Contains("control characters", error.Errors[field], StringComparison.Ordinal);
        var after = (await Client.GetInfoAsync(session.Id)).Config;
        Assert.Equal(("m", "v"), (after.Model, after.Voice));
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
}
