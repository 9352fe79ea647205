using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class OpenAiChatClientRetryTests : FakeServerTestBase
{
    internal static readonly TimeSpan ManualTimeout = TimeSpan.FromSeconds(61);

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

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
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task GetResponseAsync_ClientError_IsNeverRetried(int status)
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(status);
        var client = CreateClient(o => o with { MaxRetries = 3 });

        await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_TimeoutThenOk_RetriesAndSucceeds()
    {
        var time = new ManualClock();
        Server.Enqueue(FakeOpenAiResponse.SlowFirstByte(TimeSpan.FromSeconds(30), "late"), FakeOpenAiResponse.Reply("fast"));
        var client = CreateClient(ManualTimeoutNoBackoff, time);
        var call = client.GetResponseAsync("hello");
        await Server.WaitForAttemptsAsync(1).WaitAsync(WaitLimit);
        await time.WaitForTimerAsync(ManualTimeout).WaitAsync(WaitLimit);

        time.Advance(ManualTimeout);
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
    public async Task GetResponseAsync_RetryAfterSeconds_WaitsExactlyThatLongOnTheTimeProvider()
    {
        var time = new ManualClock();
        Server.Enqueue(FakeOpenAiResponse.Error(429, retryAfter: "2"), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient(ManualTiming, time);
        var call = client.GetResponseAsync("hello");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2)).WaitAsync(WaitLimit);

        var attemptsBeforeDelayElapsed = Server.AttemptCount;
        time.Advance(TimeSpan.FromSeconds(2));
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal(1, attemptsBeforeDelayElapsed);
        Assert.Equal("ok", response.Text);
        Assert.Equal(2, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterBeyondMaxBackoff_IsCappedAtMaxBackoff()
    {
        var time = new ManualClock();
        Server.Enqueue(FakeOpenAiResponse.Error(503, retryAfter: "30"), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient(ManualTiming, time);
        var call = client.GetResponseAsync("hello");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5)).WaitAsync(WaitLimit);

        time.Advance(TimeSpan.FromSeconds(5));
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal("ok", response.Text);
        Assert.DoesNotContain(TimeSpan.FromSeconds(30), time.ScheduledDueTimes);
    }

    [Fact]
    public async Task GetResponseAsync_RetryAfterHttpDate_WaitsUntilThatDate()
    {
        var time = new ManualClock();
        Server.Enqueue(FakeOpenAiResponse.Error(429, retryAfter: "Wed, 01 Jan 2025 00:00:03 GMT"), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient(ManualTiming, time);
        var call = client.GetResponseAsync("hello");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(3)).WaitAsync(WaitLimit);

        time.Advance(TimeSpan.FromSeconds(3));
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal("ok", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_NoRetryAfter_BacksOffExponentially()
    {
        var time = new ManualClock();
        Server.Enqueue(FakeOpenAiResponse.Error(500), FakeOpenAiResponse.Error(500), FakeOpenAiResponse.Reply("ok"));
        var client = CreateClient(ManualTiming, time);
        var call = client.GetResponseAsync("hello");

        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(WaitLimit);
        time.Advance(TimeSpan.FromMilliseconds(200));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(400)).WaitAsync(WaitLimit);
        time.Advance(TimeSpan.FromMilliseconds(400));
        var response = await call.WaitAsync(WaitLimit);

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledDuringBackoff_ThrowsOperationCanceled()
    {
        var time = new ManualClock();
        Server.DefaultResponse = FakeOpenAiResponse.Error(429, retryAfter: "2");
        var client = CreateClient(ManualTiming, time);
        using var cancellation = new CancellationTokenSource();
        var call = client.GetResponseAsync("hello", cancellationToken: cancellation.Token);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2)).WaitAsync(WaitLimit);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, Server.AttemptCount);
    }

    // Only the request timeout runs on the manual clock; zero backoff means no retry delay needs advancing.
    internal static OpenAiChatClientOptions ManualTimeoutNoBackoff(OpenAiChatClientOptions options) => options with
    {
        RequestTimeout = ManualTimeout,
        InitialBackoff = TimeSpan.Zero,
        MaxBackoff = TimeSpan.Zero,
    };

    // Production-like backoff settings; the request timeout is long and distinct so its timer is never mistaken
    // for a retry delay.
    private static OpenAiChatClientOptions ManualTiming(OpenAiChatClientOptions options) => options with
    {
        RequestTimeout = ManualTimeout,
        InitialBackoff = TimeSpan.FromMilliseconds(200),
        MaxBackoff = TimeSpan.FromSeconds(5),
    };

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
