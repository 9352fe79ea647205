using JidoSessions.Client;
using JidoSessions.Host.Tests.Configuration;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Hosting;

/// <summary>What the host acknowledged survives a restart on the same SQLite file (real session system).</summary>
public sealed class HostRestartTests
{
    [Fact]
    public async Task Restart_SameSqliteFile_KeepsSessionsKeysConfigHistoryAndFiles()
    {
        using var directory = new TempDirectory();
        var database = Path.Combine(directory.Path, "data", "jido.db");
        void Sqlite(Dictionary<string, string?> s)
        {
            s["jido:storage:provider"] = "sqlite";
            s["jido:storage:sqlite:path"] = database;
        }

        var key = SessionKey.Parse("restart:" + Guid.NewGuid());
        SessionId keyed;
        SessionId plain;
        SessionId ended;
        string reply;
        await using (var first = await TestHost.StartRealAsync(Sqlite))
        {
            var client = first.AcmeClient();
            keyed = (await client.GetOrCreateAsync(key, new CreateSessionRequest { Config = new SessionConfig { Voice = "alto" } })).Session.Id;
            reply = (await client.SendAsync(keyed, "remember pineapple")).Text;
            await client.AddFileAsync(keyed, new SessionFile("notes/todo.md", "- ship it"));
            await client.SetConfigAsync(keyed, new SessionConfig { MaxHistory = 77 });
            plain = (await client.CreateAsync()).Id;
            ended = (await client.CreateAsync()).Id;
            await client.TerminateAsync(ended);
            await first.GlobexClient().GetOrCreateAsync(key);
        }

        await using var second = await TestHost.StartRealAsync(Sqlite);
        var again = second.AcmeClient();

        var adopted = await again.GetOrCreateAsync(key);
        var history = await again.GetHistoryAsync(keyed);
        var files = await again.ListFilesAsync(keyed);
        var page = await again.ListAsync(new ListSessionsQuery(Limit: 1000));

        Assert.False(adopted.Created);
        Assert.Equal(keyed, adopted.Session.Id);
        Assert.Equal(("alto", 77), (adopted.Session.Config.Voice, adopted.Session.Config.MaxHistory));
        Assert.Equal(["remember pineapple", reply], history.Select(h => h.Text));
        Assert.Equal("notes/todo.md", Assert.Single(files).Path);
        Assert.Equal(new HashSet<SessionId> { keyed, plain }, page.Items.Select(s => s.Id).ToHashSet());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => again.GetInfoAsync(ended));
        Assert.Contains("pineapple", (await again.SendAsync(keyed, "what did I ask you to remember?")).Text, StringComparison.Ordinal);
        Assert.False((await second.GlobexClient().GetOrCreateAsync(key)).Created);
    }
}
