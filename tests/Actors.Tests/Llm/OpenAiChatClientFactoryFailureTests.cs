using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Llm;

// Non-streaming failures: each becomes an LlmProviderException of its kind, or the caller's cancellation.
public sealed class OpenAiChatClientFactoryFailureTests : FakeServerTestBase
{
    public static TheoryData<FakeOpenAiResponse> EveryFailure => new()
    {
        FakeOpenAiResponse.Error(400),
        FakeOpenAiResponse.Error(401),
        FakeOpenAiResponse.Error(429),
        FakeOpenAiResponse.Error(500),
        FakeOpenAiResponse.Raw("{not json"),
    };

    [Theory]
    [InlineData(400, LlmFailureKind.BadRequest)]
    [InlineData(401, LlmFailureKind.Unauthorized)]
    [InlineData(403, LlmFailureKind.Unauthorized)]
    [InlineData(404, LlmFailureKind.BadRequest)]
    [InlineData(429, LlmFailureKind.RateLimited)]
    [InlineData(500, LlmFailureKind.ServerError)]
    [InlineData(503, LlmFailureKind.ServerError)]
    public async Task GetResponseAsync_ErrorStatus_MapsToKindWithStatusAndProviderMessage(int status, LlmFailureKind kind)
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(status, "the provider says no");
        var client = CreateClient(o => o with { MaxRetries = 0 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(status, failure.StatusCode);
        Assert.Equal("the provider says no", failure.ProviderMessage);
        Assert.Contains("the provider says no", failure.Message, StringComparison.Ordinal);
        Assert.IsType<System.ClientModel.ClientResultException>(failure.InnerException);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorStatusWithNonJsonBody_HasNoProviderMessage()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Raw("<html>Bad Gateway</html>", "text/html", statusCode: 502);
        var client = CreateClient(o => o with { MaxRetries = 0 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Equal(502, failure.StatusCode);
        Assert.Null(failure.ProviderMessage);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorStatusWithoutBody_HasNoProviderMessage()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(502, message: null);
        var client = CreateClient(o => o with { MaxRetries = 0 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Null(failure.ProviderMessage);
    }

    [Fact]
    public async Task GetResponseAsync_OllamaStyleStringError_ExtractsProviderMessage()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Raw("""{"error":"model 'x' not found"}""", statusCode: 404);
        var client = CreateClient();

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(LlmFailureKind.BadRequest, failure.Kind);
        Assert.Equal("model 'x' not found", failure.ProviderMessage);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"id":"x","object":"chat.completion","choices":[]}""")]
    [InlineData("""{"id":"x","object":"chat.completion"}""")]
    [InlineData("null")]
    public async Task GetResponseAsync_MalformedBody_ThrowsMalformedResponseWithoutRetry(string body)
    {
        Server.DefaultResponse = FakeOpenAiResponse.Raw(body);
        var client = CreateClient(o => o with { MaxRetries = 3 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(LlmFailureKind.MalformedResponse, failure.Kind);
        Assert.Null(failure.StatusCode);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_NoAnswerWithinRequestTimeout_ThrowsTimeoutOnTheInjectedClock()
    {
        var time = new WatchedTimeProvider();
        Server.DefaultResponse = FakeOpenAiResponse.SlowFirstByte(TimeSpan.FromSeconds(30), "late");
        var client = CreateClient(o => WatchedTiming(o) with { MaxRetries = 0 }, time);
        var call = client.GetResponseAsync("hello");
        await Server.WaitForAttemptsAsync(1).WaitAsync(WaitLimit);
        await time.WaitForTimerAsync(WatchedTimeout).WaitAsync(WaitLimit);

        time.Advance(WatchedTimeout);

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => call.WaitAsync(WaitLimit));
        Assert.Equal(LlmFailureKind.Timeout, failure.Kind);
        Assert.IsAssignableFrom<OperationCanceledException>(failure.InnerException);
    }

    [Fact]
    public async Task GetResponseAsync_ConnectionRefused_ThrowsNetwork()
    {
        var closedPort = ClosedPort.Find();
        var client = CreateClient(o => o with { BaseUrl = new Uri($"http://127.0.0.1:{closedPort}/v1"), MaxRetries = 0 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("hello"));

        Assert.Equal(LlmFailureKind.Network, failure.Kind);
        Assert.Null(failure.StatusCode);
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancelsWhileWaiting_ThrowsOperationCanceledNotWrapped()
    {
        Server.DefaultResponse = FakeOpenAiResponse.SlowFirstByte(TimeSpan.FromSeconds(30), "never");
        var client = CreateClient();
        using var cancellation = new CancellationTokenSource();
        var call = client.GetResponseAsync("hello", cancellationToken: cancellation.Token);
        await Server.WaitForAttemptsAsync(1).WaitAsync(WaitLimit);

        await cancellation.CancelAsync();

        var exception = await Record.ExceptionAsync(() => call.WaitAsync(WaitLimit));
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetResponseAsync_AlreadyCancelledToken_ThrowsOperationCanceledWithoutRequest()
    {
        var client = CreateClient();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetResponseAsync("hello", cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(0, Server.AttemptCount);
    }

    [Theory]
    [MemberData(nameof(EveryFailure))]
    public async Task GetResponseAsync_AfterAFailure_SameClientAnswersTheNextCall(FakeOpenAiResponse script)
    {
        Server.Enqueue(script, FakeOpenAiResponse.Reply("fine", " again"));
        var client = CreateClient(o => o with { MaxRetries = 0 });

        await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync("first"));
        var next = await client.GetResponseAsync("second");

        Assert.Equal("fine again", next.Text);
    }
}
