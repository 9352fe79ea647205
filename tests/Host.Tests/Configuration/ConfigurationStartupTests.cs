using JidoSessions.Host.Cli;

namespace JidoSessions.Host.Tests.Configuration;

/// <summary>A bad configuration stops the executable before anything starts, with exit code 2 and the key named.</summary>
public sealed class ConfigurationStartupTests
{
    [Fact]
    public async Task Serve_BadDurationInConfigFile_ExitsNonZeroNamingKeyAndPosition()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("bad.conf", "include \"" + Path.Combine(AppContext.BaseDirectory, "hocon", "jido.conf").Replace("\\", "/", StringComparison.Ordinal) + "\"\njido.sessions.idle-timeout = abc\n");
        var error = new StringWriter();
        var console = new CliContext(new StringReader(""), new StringWriter(), error) { Environment = new Dictionary<string, string>() };

        var exit = await JidoCli.RunAsync(["serve", "--config", file], console);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains($"jido:sessions:idle-timeout = 'abc' is not a duration ({file}:2:30)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MalformedHocon_ExitsNonZeroWithPosition()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("broken.conf", "jido {\n  sessions {\n");
        var error = new StringWriter();
        var console = new CliContext(new StringReader(""), new StringWriter(), error) { Environment = new Dictionary<string, string>() };

        var exit = await JidoCli.RunAsync(["--config", file], console);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains(file + ":", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadSwitchValue_ExitsNonZeroNamingTheCommandLine()
    {
        var error = new StringWriter();
        var console = new CliContext(new StringReader(""), new StringWriter(), error) { Environment = new Dictionary<string, string>() };

        var exit = await JidoCli.RunAsync(["serve", "--jido:http:max-message-chars=lots"], console);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("jido:http:max-message-chars = 'lots' is not a whole number (command line)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_UnknownArgument_ExitsNonZero()
    {
        var error = new StringWriter();
        var console = new CliContext(new StringReader(""), new StringWriter(), error) { Environment = new Dictionary<string, string>() };

        var exit = await JidoCli.RunAsync(["sesions", "list"], console);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("Unrecognized argument 'sesions'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MissingConfigFile_ExitsNonZero()
    {
        var error = new StringWriter();
        var console = new CliContext(new StringReader(""), new StringWriter(), error) { Environment = new Dictionary<string, string>() };

        var exit = await JidoCli.RunAsync(["serve", "--config", "/nonexistent/x.conf"], console);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("x.conf", error.ToString(), StringComparison.Ordinal);
    }
}
