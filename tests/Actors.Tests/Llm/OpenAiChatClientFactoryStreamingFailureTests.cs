using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Llm;

// Streaming failures: typed like non-streaming ones, and never retried once output reached the caller.
public sealed class OpenAiChatClientFactoryStreamingFailureTests : FakeServerTestBase
{
    [Fact]
    public async Task GetStreamingResponseAsync_CutOffMidway_YieldsPartialTextThenTruncatedWithoutRetry()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Truncated("partial", " answer");
        var client = CreateClient(o => o with { MaxRetries = 3 });
        var received = new List<string>();

        var failure = await Assert.ThrowsAsync<LlmProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(LlmFailureKind.TruncatedStream, failure.Kind);
        Assert.Equal("partial answer", string.Concat(received));
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConnectionResetAfterOutput_ThrowsTruncatedWithoutRetry()
    {
        // The reset waits until the client holds the text: a reset discards data still unread in the socket.
        var textReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.DefaultResponse = FakeOpenAiResponse.Reply("partial") with
        {
            Ending = FakeStreamEnding.Reset,
            HoldBeforeEnd = textReceived.Task,
        };
        var client = CreateClient(o => o with { MaxRetries = 3 });
        var received = new List<string>();

        var failure = await Assert.ThrowsAsync<LlmProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello"))
            {
                received.Add(update.Text);
                if (update.Text.Length > 0)
                {
                    textReceived.TrySetResult();
                }
            }
        });

        Assert.Equal(LlmFailureKind.TruncatedStream, failure.Kind);
        Assert.IsAssignableFrom<IOException>(failure.InnerException);
        Assert.Equal("partial", string.Concat(received));
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CutOffBeforeAnyText_ThrowsTruncated()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Truncated();
        var client = CreateClient();

        var failure = await Assert.ThrowsAsync<LlmProviderException>(
            () => client.GetStreamingResponseAsync("hello").ToListAsync().AsTask());

        Assert.Equal(LlmFailureKind.TruncatedStream, failure.Kind);
    }

    [Theory]
    [InlineData(400, LlmFailureKind.BadRequest)]
    [InlineData(401, LlmFailureKind.Unauthorized)]
    public async Task GetStreamingResponseAsync_ClientError_ThrowsKindWithoutRetry(int status, LlmFailureKind kind)
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(status, "nope");
        var client = CreateClient(o => o with { MaxRetries = 3 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(
            () => client.GetStreamingResponseAsync("hello").ToListAsync().AsTask());

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(status, failure.StatusCode);
        Assert.Equal("nope", failure.ProviderMessage);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_PersistentServerError_GivesUpAfterMaxRetries()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(503);
        var client = CreateClient(o => o with { MaxRetries = 1 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(
            () => client.GetStreamingResponseAsync("hello").ToListAsync().AsTask());

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Equal(2, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ConnectionRefused_ThrowsNetwork()
    {
        var closedPort = ClosedPort.Find();
        var client = CreateClient(o => o with { BaseUrl = new Uri($"http://127.0.0.1:{closedPort}/v1"), MaxRetries = 0 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(
            () => client.GetStreamingResponseAsync("hello").ToListAsync().AsTask());

        Assert.Equal(LlmFailureKind.Network, failure.Kind);
        Assert.Null(failure.StatusCode);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MalformedChunkAfterText_ThrowsMalformedWithoutRetry()
    {
        const string Body =
            "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":null}]}\n\n" +
            "data: {broken\n\n";
        Server.DefaultResponse = FakeOpenAiResponse.Raw(Body, "text/event-stream");
        var client = CreateClient(o => o with { MaxRetries = 3 });
        var received = new List<string>();

        var failure = await Assert.ThrowsAsync<LlmProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(LlmFailureKind.MalformedResponse, failure.Kind);
        Assert.Equal(["ok"], received);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorEventInStream_ThrowsServerErrorWithProviderMessage()
    {
        const string Body = "data: {\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"server_error\"}}\n\n";
        Server.DefaultResponse = FakeOpenAiResponse.Raw(Body, "text/event-stream");
        var client = CreateClient(o => o with { MaxRetries = 0 });

        var failure = await Assert.ThrowsAsync<LlmProviderException>(
            () => client.GetStreamingResponseAsync("hello").ToListAsync().AsTask());

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Equal("CUDA out of memory", failure.ProviderMessage);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorEventAfterText_ThrowsWithoutRetry()
    {
        const string Body =
            "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half\"},\"finish_reason\":null}]}\n\n" +
            "data: {\"error\":{\"message\":\"worker died\"}}\n\n";
        Server.DefaultResponse = FakeOpenAiResponse.Raw(Body, "text/event-stream");
        var client = CreateClient(o => o with { MaxRetries = 3 });
        var received = new List<string>();

        var failure = await Assert.ThrowsAsync<LlmProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Equal("worker died", failure.ProviderMessage);
        Assert.Equal("half", string.Concat(received));
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ProviderGoesSilentAfterText_ThrowsTimeoutWithoutRetry()
    {
        var time = new WatchedTimeProvider();
        var neverReleased = new TaskCompletionSource();
        Server.DefaultResponse = FakeOpenAiResponse.Reply("started") with { HoldBeforeEnd = neverReleased.Task };
        var client = CreateClient(o => WatchedTiming(o) with { MaxRetries = 3 }, time);
        await using var stream = client.GetStreamingResponseAsync("hello").GetAsyncEnumerator();
        var first = "";
        while (first.Length == 0 && await stream.MoveNextAsync().AsTask().WaitAsync(WaitLimit))
        {
            first = stream.Current.Text;
        }

        var pending = stream.MoveNextAsync().AsTask();
        await time.WaitForTimerAsync(WatchedTimeout).WaitAsync(WaitLimit);

        time.Advance(WatchedTimeout);

        var failure = await Assert.ThrowsAsync<LlmProviderException>(() => pending.WaitAsync(WaitLimit));
        Assert.Equal(LlmFailureKind.Timeout, failure.Kind);
        Assert.Equal("started", first);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerCancelsMidStream_ThrowsOperationCanceled()
    {
        var neverReleased = new TaskCompletionSource();
        Server.DefaultResponse = FakeOpenAiResponse.Reply("first") with { HoldBeforeEnd = neverReleased.Task };
        var client = CreateClient();
        using var cancellation = new CancellationTokenSource();
        await using var stream = client.GetStreamingResponseAsync("hello", cancellationToken: cancellation.Token).GetAsyncEnumerator();
        var first = "";
        while (first.Length == 0 && await stream.MoveNextAsync().AsTask().WaitAsync(WaitLimit))
        {
            first = stream.Current.Text;
        }

        var pending = stream.MoveNextAsync().AsTask();

        await cancellation.CancelAsync();

        var exception = await Record.ExceptionAsync(() => pending.WaitAsync(WaitLimit));
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.Equal("first", first);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerCancelsBeforeHeaders_ThrowsOperationCanceledNotWrapped()
    {
        Server.DefaultResponse = FakeOpenAiResponse.SlowFirstByte(TimeSpan.FromSeconds(30), "never");
        var client = CreateClient();
        using var cancellation = new CancellationTokenSource();
        var call = client.GetStreamingResponseAsync("hello", cancellationToken: cancellation.Token).ToListAsync().AsTask();
        await Server.WaitForAttemptsAsync(1).WaitAsync(WaitLimit);

        await cancellation.CancelAsync();

        var exception = await Record.ExceptionAsync(() => call.WaitAsync(WaitLimit));
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.Equal(1, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AfterAFailedStream_SameClientStreamsTheNextCall()
    {
        Server.Enqueue(FakeOpenAiResponse.Truncated("cut"), FakeOpenAiResponse.Reply("whole"));
        var client = CreateClient(o => o with { MaxRetries = 0 });

        await Assert.ThrowsAsync<LlmProviderException>(() => client.GetStreamingResponseAsync("first").ToListAsync().AsTask());
        var next = await client.GetStreamingResponseAsync("second").ToListAsync();

        Assert.Equal("whole", string.Concat(next.Select(u => u.Text)));
    }
}
