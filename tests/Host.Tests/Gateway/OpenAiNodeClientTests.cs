using System.Diagnostics;
using System.Text.Json;
using JidoSessions.Host.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>
/// The official <c>openai</c> npm client (tests/node-client, installed by eng/test.sh with <c>npm ci</c>) against the
/// real host and session system with a scripted tool-calling model: a tool round trip non-streamed and streamed (the
/// SDK's own stream helper accumulating the deltas) and <c>models.retrieve</c>.
/// </summary>
public sealed class OpenAiNodeClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string ClientFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "node-client"));
    private readonly ToolCallingModel _model = new();
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartRealAsync(services: s => s.AddSingleton<IChatClient>(_model));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OfficialOpenAiClient_ToolRoundTrip_StreamedAndNot_AndModelsRetrieve()
    {
        Assert.True(
            File.Exists(Path.Combine(ClientFolder, "node_modules", "openai", "package.json")),
            $"the openai npm package is not installed in {ClientFolder}: run `npm ci --prefix tests/node-client` (eng/test.sh does)");
        var start = new ProcessStartInfo("node", [Path.Combine(ClientFolder, "tool-roundtrip.mjs")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ClientFolder,
        };
        start.Environment["OPENAI_BASE_URL"] = new Uri(_host.BaseAddress, "v1").ToString();
        start.Environment["OPENAI_API_KEY"] = TestHost.AcmeKey;
        start.Environment["SESSION_KEY"] = "node:" + Guid.NewGuid();
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine(await stdout);
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}");
        var result = JsonDocument.Parse(await stdout).RootElement;
        Assert.Equal("tool_calls", result.GetProperty("firstFinish").GetString());
        Assert.Equal("get_weather", result.GetProperty("call").GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Oslo"}""", result.GetProperty("call").GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("The tool said: 12 C and rain in Oslo", result.GetProperty("answer").GetString());
        Assert.True(result.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        Assert.Equal("tool_calls", result.GetProperty("streamedFinish").GetString());
        Assert.Equal("""{"city":"Bergen"}""", result.GetProperty("streamedCall").GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("The tool said: 12 C and rain in Bergen", result.GetProperty("streamedAnswer").GetString());
        Assert.Equal("jido-local-1", result.GetProperty("model").GetString());
    }
}
