using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class OpenAiChatClientFactoryStreamingTests : FakeServerTestBase
{
    [Fact]
    public async Task GetStreamingResponseAsync_NormalStream_YieldsDeltasInOrder()
    {
        Server.Enqueue(FakeOpenAiResponse.Reply("Hel", "lo", ", ", "world", "!"));
        var client = CreateClient();

        var updates = await client.GetStreamingResponseAsync("hello").ToListAsync();

        var texts = updates.Select(u => u.Text).Where(t => t.Length > 0).ToList();
        Assert.Equal(["Hel", "lo", ", ", "world", "!"], texts);
        Assert.Equal("Hello, world!", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(updates, u => Assert.Equal("test-model", u.ModelId));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NormalStream_EndsWithFinishReasonAndUsage()
    {
        Server.Enqueue(FakeOpenAiResponse.Reply("a", "b") with { FinishReason = "length", PromptTokens = 9, CompletionTokens = 2 });
        var client = CreateClient();

        var updates = await client.GetStreamingResponseAsync("hello").ToListAsync();
        var response = updates.ToChatResponse();

        Assert.All(updates.Where(u => u.Text.Length > 0), u => Assert.Null(u.FinishReason));
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        var usage = Assert.Single(updates[^1].Contents.OfType<UsageContent>()).Details;
        Assert.Equal(9, usage.InputTokenCount);
        Assert.Equal(2, usage.OutputTokenCount);
        Assert.Equal(11, usage.TotalTokenCount);
        Assert.Equal("ab", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Always_SendsStreamFlagAndUsageRequest()
    {
        var client = CreateClient(o => o with { ApiKey = "sk-stream" });

        await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).ToListAsync();

        var request = Assert.Single(Server.Requests);
        Assert.True(request.Stream);
        Assert.True(request.Json?["stream_options"]?["include_usage"]?.GetValue<bool>());
        Assert.Equal("test-model", request.Model);
        Assert.Equal([("user", "hi")], request.Messages);
        Assert.Equal("Bearer sk-stream", request.Authorization);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ServerStillSending_YieldsFirstDeltaBeforeStreamEnds()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Enqueue(FakeOpenAiResponse.Reply("first", " second") with { HoldBeforeEnd = release.Task });
        var client = CreateClient();
        await using var stream = client.GetStreamingResponseAsync("hello").GetAsyncEnumerator();

        var received = "";
        while (received != "first second" && await stream.MoveNextAsync().AsTask().WaitAsync(WaitLimit))
        {
            received += stream.Current.Text;
        }

        var releasedBeforeText = release.Task.IsCompleted;
        release.SetResult();
        var rest = new List<ChatResponseUpdate>();
        while (await stream.MoveNextAsync())
        {
            rest.Add(stream.Current);
        }

        Assert.False(releasedBeforeText);
        Assert.Equal("first second", received);
        Assert.Equal(ChatFinishReason.Stop, rest[^1].FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FinishWithoutDone_CompletesNormally()
    {
        Server.Enqueue(FakeOpenAiResponse.Reply("done") with { Ending = FakeStreamEnding.FinishWithoutDone });
        var client = CreateClient();

        var updates = await client.GetStreamingResponseAsync("hello").ToListAsync();

        Assert.Equal("done", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_HandWrittenSse_HandlesCommentsCrlfAndMultiLineData()
    {
        const string Body =
            ": ping\r\n\r\n" +
            "event: message\r\nid: 1\r\ndata: {\"id\":\"c1\",\"choices\":[{\"index\":0,\r\ndata: \"delta\":{\"content\":\"multi\"},\"finish_reason\":null}]}\r\n\r\n" +
            "data:{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"line\"},\"finish_reason\":\"stop\"}]}\n\n" +
            "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}\n\n" +
            "data: [DONE]\n\n";
        Server.Enqueue(FakeOpenAiResponse.Raw(Body, "text/event-stream"));
        var client = CreateClient();

        var updates = await client.GetStreamingResponseAsync("hello").ToListAsync();

        Assert.Equal(["multi", "line"], updates.Select(u => u.Text).Where(t => t.Length > 0));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal(3, updates[^1].Contents.OfType<UsageContent>().Single().Details.TotalTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_RateLimitedBeforeFirstDelta_WaitsRetryAfterThenStreams()
    {
        var time = new WatchedTimeProvider();
        Server.Enqueue(FakeOpenAiResponse.Error(429, retryAfter: "3"), FakeOpenAiResponse.Reply("after", " retry"));
        var client = CreateClient(WatchedTiming, time);
        var call = client.GetStreamingResponseAsync("hello").ToListAsync().AsTask();
        var delay = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);

        var attemptsBeforeDelayElapsed = Server.AttemptCount;
        time.Advance(delay);
        var updates = await call.WaitAsync(WaitLimit);

        Assert.Equal(TimeSpan.FromSeconds(3), delay);
        Assert.Equal(1, attemptsBeforeDelayElapsed);
        Assert.Equal("after retry", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(2, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ServerErrorsBeforeFirstDelta_RetriedWithGrowingDelays()
    {
        var time = new WatchedTimeProvider();
        Server.Enqueue(FakeOpenAiResponse.Error(500), FakeOpenAiResponse.Error(502), FakeOpenAiResponse.Reply("at last"));
        var client = CreateClient(WatchedTiming, time);
        var call = client.GetStreamingResponseAsync("hello").ToListAsync().AsTask();
        var first = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);
        time.Advance(first);
        var second = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);

        time.Advance(second);
        var updates = await call.WaitAsync(WaitLimit);

        Assert.True(first > TimeSpan.Zero && first < second, $"delays grow: {first}, {second}");
        Assert.Equal("at last", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(3, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SlowFirstByteThenOk_RetriesAfterTimeout()
    {
        var time = new WatchedTimeProvider();
        Server.Enqueue(FakeOpenAiResponse.SlowFirstByte(TimeSpan.FromSeconds(30), "late"), FakeOpenAiResponse.Reply("on time"));
        var client = CreateClient(WatchedTiming, time);
        var call = client.GetStreamingResponseAsync("hello").ToListAsync().AsTask();
        await Server.WaitForAttemptsAsync(1).WaitAsync(WaitLimit);
        await time.WaitForTimerAsync(WatchedTimeout).WaitAsync(WaitLimit);
        time.Advance(WatchedTimeout);

        var delay = await time.NextTimerAsync(d => d != WatchedTimeout).WaitAsync(WaitLimit);
        time.Advance(delay);
        var updates = await call.WaitAsync(WaitLimit);

        Assert.Equal("on time", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(2, Server.AttemptCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_SlowConsumer_DoesNotTimeOutBetweenReads()
    {
        var time = new WatchedTimeProvider();
        var restSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Enqueue(FakeOpenAiResponse.Reply("one") with { HoldBeforeEnd = restSent.Task });
        var client = CreateClient(o => o with { RequestTimeout = TimeSpan.FromSeconds(1) }, time);
        await using var stream = client.GetStreamingResponseAsync("hello").GetAsyncEnumerator();
        var first = "";
        while (first.Length == 0 && await stream.MoveNextAsync().AsTask().WaitAsync(WaitLimit))
        {
            first = stream.Current.Text;
        }

        // The caller dawdles far beyond the request timeout before asking for more; only then does the rest arrive.
        time.Advance(TimeSpan.FromSeconds(30));
        restSent.SetResult();
        var rest = new List<ChatResponseUpdate>();
        while (await stream.MoveNextAsync().AsTask().WaitAsync(WaitLimit))
        {
            rest.Add(stream.Current);
        }

        Assert.Equal("one", first);
        Assert.Equal(ChatFinishReason.Stop, rest[^1].FinishReason);
    }
}
