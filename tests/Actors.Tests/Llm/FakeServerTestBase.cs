using JidoSessions.Actors.Llm;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Tests.Llm;

// Gives each test its own FakeOpenAiServer and HttpClient, so scripts and recorded requests never mix.
public abstract class FakeServerTestBase : IAsyncLifetime
{
    private readonly List<HttpClient> _httpClients = [];

    protected FakeOpenAiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var httpClient in _httpClients)
        {
            httpClient.Dispose();
        }

        await Server.DisposeAsync();
    }

    // Tiny backoffs keep retry tests fast; tests about delays use a ManualClock instead.
    protected OpenAiChatClientOptions Options(Func<OpenAiChatClientOptions, OpenAiChatClientOptions>? configure = null)
    {
        var options = new OpenAiChatClientOptions
        {
            BaseUrl = Server.BaseUrl,
            Model = "test-model",
            RequestTimeout = TimeSpan.FromSeconds(5),
            InitialBackoff = TimeSpan.FromMilliseconds(1),
            MaxBackoff = TimeSpan.FromMilliseconds(5),
        };
        return configure is null ? options : configure(options);
    }

    protected OpenAiChatClient CreateClient(
        Func<OpenAiChatClientOptions, OpenAiChatClientOptions>? configure = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? handler = null,
        ILogger? logger = null)
    {
        var httpClient = handler is null ? new HttpClient() : new HttpClient(handler);
        _httpClients.Add(httpClient);
        return new OpenAiChatClient(Options(configure), httpClient, timeProvider, logger);
    }
}
