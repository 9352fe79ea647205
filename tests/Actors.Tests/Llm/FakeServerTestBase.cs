using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JidoSessions.Actors.Tests.Llm;

// Gives each test its own FakeOpenAiServer and HttpClient, so scripts and recorded requests never mix.
public abstract class FakeServerTestBase : IAsyncLifetime
{
    // Distinct from every retry delay, so a test never mistakes the attempt timeout's timer for a backoff.
    internal static readonly TimeSpan WatchedTimeout = TimeSpan.FromSeconds(61);

    internal static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

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

    // Production-like backoff on a watched clock: the attempt timeout is long and distinct from any delay.
    internal static OpenAiChatClientOptions WatchedTiming(OpenAiChatClientOptions options) => options with
    {
        RequestTimeout = WatchedTimeout,
        InitialBackoff = TimeSpan.FromMilliseconds(200),
        MaxBackoff = TimeSpan.FromSeconds(5),
    };

    // Tiny backoffs keep retry tests on the system clock fast; tests about delays use a WatchedTimeProvider.
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

    // The jitter is fixed at the middle of its range, so delays on a watched clock are exact.
    protected IChatClient CreateClient(
        Func<OpenAiChatClientOptions, OpenAiChatClientOptions>? configure = null,
        TimeProvider? time = null,
        HttpMessageHandler? handler = null,
        ILoggerFactory? loggerFactory = null)
    {
        var httpClient = handler is null ? new HttpClient() : new HttpClient(handler);
        _httpClients.Add(httpClient);
        return OpenAiChatClientFactory.Create(
            Options(configure), httpClient, loggerFactory ?? NullLoggerFactory.Instance, time ?? TimeProvider.System, randomizer: () => 0.5);
    }
}
