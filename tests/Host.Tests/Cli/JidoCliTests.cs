using JidoSessions.Client;
using JidoSessions.Host.Cli;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Cli;

public sealed class JidoCliTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task SessionsList_AgainstServer_PrintsTheTenantsSessions()
    {
        var session = await _host.GlobexClient().GetOrCreateAsync(SessionKey.Parse("cli-list-" + Guid.NewGuid()));
        var (exit, output, _) = await RunAsync("", "sessions", "list", "--url", _host.BaseAddress.ToString(), "--api-key", TestHost.GlobexKey, "--limit", "1000");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains(session.Session.Id.ToString(), output, StringComparison.Ordinal);
        Assert.Contains(session.Session.Key!.Value.Value, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsShowThenEnd_AgainstServer_ShowsJsonThenEnds()
    {
        var client = _host.AcmeClient();
        var id = (await client.CreateAsync()).Id;
        await client.SendAsync(id, "remember me");

        var show = await RunAsync("", "sessions", "show", id.ToString(), "--url", _host.BaseAddress.ToString(), "--api-key", TestHost.AcmeKey);
        var end = await RunAsync("", "sessions", "end", id.ToString(), "--url", _host.BaseAddress.ToString(), "--api-key", TestHost.AcmeKey);
        var again = await RunAsync("", "sessions", "end", id.ToString(), "--url", _host.BaseAddress.ToString(), "--api-key", TestHost.AcmeKey);

        Assert.Equal(ExitCodes.Ok, show.Exit);
        Assert.Contains("\"text\": \"remember me\"", show.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, end.Exit);
        Assert.Contains($"Ended session {id}", end.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.RequestFailed, again.Exit);
        Assert.Contains("session_not_found", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_WithoutApiKey_ExplainsAndExits2()
    {
        var (exit, _, error) = await RunAsync("", "sessions", "list", "--url", _host.BaseAddress.ToString());

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("JIDO_API_KEY", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_WrongKey_ReportsUnauthorized()
    {
        var (exit, _, error) = await RunAsync("", "sessions", "list", "--url", _host.BaseAddress.ToString(), "--api-key", "wrong-key-0123456789abcdef");

        Assert.Equal(ExitCodes.RequestFailed, exit);
        Assert.Contains("unauthorized", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatRemote_LinesOfInput_AreSentAndRepliesPrinted_AndTheSessionResumes()
    {
        var key = "cli-chat-" + Guid.NewGuid();
        var args = new[] { "chat", "--key", key, "--url", _host.BaseAddress.ToString(), "--api-key", TestHost.AcmeKey };

        var first = await RunAsync("hello\n\nworld\n/quit\n", args);
        var second = await RunAsync("/history\n", args);

        Assert.Equal(ExitCodes.Ok, first.Exit);
        Assert.Contains("New session", first.Output, StringComparison.Ordinal);
        Assert.Contains("echo: hello", first.Output, StringComparison.Ordinal);
        Assert.Contains("echo: world", first.Output, StringComparison.Ordinal);
        Assert.Contains("Resumed session", second.Output, StringComparison.Ordinal);
        Assert.Contains("[4] assistant: echo: world", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatLocal_RunsTheRealSessionSystemInProcess()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new StringReader("my name is Zed\nwhat did I say first?\n/history\n"), output, error)
        {
            Environment = new Dictionary<string, string> { ["JIDO__STORAGE__PROVIDER"] = "memory" },
        };

        var exit = await JidoCli.RunAsync(["chat", "--key", "local-chat"], context);

        Assert.True(exit == ExitCodes.Ok, error.ToString());
        Assert.Contains("New session", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("[1] user: my name is Zed", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("[4] assistant:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_InvalidKey_Exits2()
    {
        var (exit, _, error) = await RunAsync("", "chat", "--key", " padded ");

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("--key", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new StringReader(input), output, error) { Environment = new Dictionary<string, string>() };
        var exit = await JidoCli.RunAsync(args, context);
        return (exit, output.ToString(), error.ToString());
    }
}
