using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Llm;

// Non-streaming retries: which failures are retried, how often, and how long each delay is on the injected clock.
public sealed class OpenAiChatClientFactoryRetryTests : FakeServerTestBase
{
    [Fact]
    public async Task GetResponseAsync_ServerErrors_RetriedWithGrowingJitteredDelaysOnTheInjectedClock()
    {
        var time = new WatchedTimeProvider();
        Server.DefaultResponse = FakeOpenAiResponse.Error(500);
        var client = CreateClient(o => WatchedTiming(o) with { MaxRetries = 3 }, time);
        var call = client.GetResponseAsync("hello");
        var delays = new List<TimeSpan>();
        var attemptsDuringDelays = new List<int>();

        for (var retry = 0; retry < 3; retry++)
        {
            var delay = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);
            delays.Add(delay);
            attemptsDuringDelays.Add(Server.AttemptCount);
            time.Advance(delay);
        }

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => call.WaitAsync(WaitLimit));
        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Equal(4, Server.AttemptCount);
        Assert.Equal([1, 2, 3], attemptsDuringDelays);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5)));
        Assert.True(delays[0] < delays[1] && delays[1] < delays[2], "delays grow: " + string.Join(", ", delays));
    }

    [Fact]
    public async Task GetResponseAsync_ManyRetries_DelaysNeverExceedMaxBackoff()
    {
        var time = new WatchedTimeProvider();
        Server.DefaultResponse = FakeOpenAiResponse.Error(503);
        var client = CreateClient(o => WatchedTiming(o) with { MaxRetries = 6, MaxBackoff = TimeSpan.FromMilliseconds(500) }, time);
        var call = client.GetResponseAsync("hello");
        var delays = new List<TimeSpan>();

        for (var retry = 0; retry < 6; retry++)
        {
            var delay = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);
            delays.Add(delay);
            time.Advance(delay);
        }

        await Assert.ThrowsAsync<LlmProviderException>(() => call.WaitAsync(WaitLimit));
        Assert.Equal(7, Server.AttemptCount);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(500)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), delays[^1]);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedThenOk_RetriesAndSucceeds()
    {
        Server.Enqueue(FakeOpenAiResponse.Error(429), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient();

        var response = await client.GetResponseAsync("hello");

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_ServerErrorsThenOk_RetriesUpToMaxRetries()
    {
        Server.Enqueue(FakeOpenAiResponse.Error(500), FakeOpenAiResponse.Error(503), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient(o => o with { MaxRetries = 2 });

        var response = await client.GetResponseAsync("hello");

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_PersistentServerError_GivesUpAfterMaxRetries()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(500);
        var client = CreateClient(o => o with { MaxRetries = 2 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Equal(3, Server.AttemptCount);
    }

    [Theory]
    [InlineData(400, LlmFailureKind.BadRequest)]
    [InlineData(401, LlmFailureKind.Unauthorized)]
    [InlineData(403, LlmFailureKind.Unauthorized)]
    [InlineData(404, LlmFailureKind.BadRequest)]
    [InlineData(422, LlmFailureKind.BadRequest)]
    public async Task GetResponseAsync_ClientError_IsNeverRetried(int status, LlmFailureKind kind)
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(status);
        var client = CreateClient(o => o with { MaxRetries = 3 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(kind, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_TimeoutThenOk_RetriesAndSucceeds()
    {
        var time = new WatchedTimeProvider();
        Server.Enqueue(FakeOpenAiResponse.SlowFirstByte(TimeSpan.FromSeconds(30), "late"), FakeOpenAiResponse.Reply("fast"));
        var client = CreateClient(WatchedTiming, time);
        var call = client.GetResponseAsync("hello");
        await Server.WaitForAttemptsAsync(1).WaitAsync(WaitLimit);
        await time.WaitForTimerAsync(WatchedTimeout).WaitAsync(WaitLimit);
        time.Advance(WatchedTimeout);

        var delay = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);
        time.Advance(delay);
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal("fast", response.Text);
        Assert.Equal(2, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_NetworkErrorThenOk_RetriesAndSucceeds()
    {
        using var handler = new FailFirstSendsHandler(failures: 1);
        var client = CreateClient(handler: handler);

        var response = await client.GetResponseAsync("hello");

        Assert.Equal("Hello from fake.", response.Text);
        Assert.Equal(2, handler.Sends);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_MaxRetriesZero_DoesNotRetryRateLimit()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(429);
        var client = CreateClient(o => o with { MaxRetries = 0 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(LlmFailureKind.RateLimited, failure.Kind);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterSeconds_WaitsExactlyThatLongOnTheInjectedClock()
    {
        var time = new WatchedTimeProvider();
        Server.Enqueue(FakeOpenAiResponse.Error(429, retryAfter: "2"), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient(WatchedTiming, time);
        var call = client.GetResponseAsync("hello");
        var delay = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);

        var attemptsBeforeDelayElapsed = Server.AttemptCount;
        time.Advance(delay);
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal(TimeSpan.FromSeconds(2), delay);
        Assert.Equal(1, attemptsBeforeDelayElapsed);
        Assert.Equal("ok", response.Text);
        Assert.Equal(2, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterBeyondMaxBackoff_IsCappedAtMaxBackoff()
    {
        var time = new WatchedTimeProvider();
        Server.Enqueue(FakeOpenAiResponse.Error(503, retryAfter: "30"), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient(WatchedTiming, time);
        var call = client.GetResponseAsync("hello");
        var delay = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);

        time.Advance(delay);
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal(TimeSpan.FromSeconds(5), delay);
        Assert.Equal("ok", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterHttpDate_WaitsUntilThatDate()
    {
        var time = new WatchedTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Server.Enqueue(FakeOpenAiResponse.Error(429, retryAfter: "Wed, 01 Jan 2025 00:00:03 GMT"), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient(WatchedTiming, time);
        var call = client.GetResponseAsync("hello");
        var delay = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);

        time.Advance(delay);
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal(TimeSpan.FromSeconds(3), delay);
        Assert.Equal("ok", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledDuringBackoff_ThrowsOperationCanceled()
    {
        var time = new WatchedTimeProvider();
        Server.DefaultResponse = FakeOpenAiResponse.Error(429, retryAfter: "2");
        var client = CreateClient(WatchedTiming, time);
        using var cancellation = new CancellationTokenSource();
        var call = client.GetResponseAsync("hello", cancellationToken: cancellation.Token);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2)).WaitAsync(WaitLimit);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(WaitLimit));
        Assert.Equal(1, Server.AttemptCount);
    }

    // Simulates a connection that fails before reaching the server (refused, reset), then lets requests through.
    private sealed class FailFirstSendsHandler(int failures) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _sends;

        public int Sends => Volatile.Read(ref _sends);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _sends) <= failures
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (simulated)")
                : base.SendAsync(request, cancellationToken);
    }
}
