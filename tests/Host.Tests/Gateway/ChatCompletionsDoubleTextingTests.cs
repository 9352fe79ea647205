using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Actors.Tests.Llm;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>
/// A chat completion sent while the session's turn runs, under each double-texting policy. The running turn is
/// held open by the fake provider (its stream waits on a gate), so "while a turn runs" is a fact, not a timing.
/// </summary>
public sealed class ChatCompletionsDoubleTextingTests(ProviderHostFixture fixture) : IClassFixture<ProviderHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly FakeOpenAiServer _provider = fixture.Provider;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task Complete_RejectPolicyWhileTurnRuns_Returns409TurnInProgress()
    {
        var key = await CreateAsync("Reject");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Enqueue(new FakeOpenAiResponse { Chunks = ["still", " talking"], HoldBeforeEnd = gate.Task });
        try
        {
            var (response, stream) = await StartRunningTurnAsync(key, "first");
            using var _ = response;
            using var __ = stream;
            var attempts = _provider.AttemptCount;

            using var second = await _http.SendAsync(OpenAiWire.Post(OpenAiWire.Body("second"), key));
            gate.SetResult();
            var rest = await stream.ReadToEndAsync();

            var error = await OpenAiWire.IsErrorAsync(second, HttpStatusCode.Conflict, ErrorCodes.TurnInProgress);
            Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
            Assert.Equal(OpenAiStream.Done, rest[^1]);
            Assert.Equal(attempts, _provider.AttemptCount);
            Assert.Equal(["first", "still talking"], (await HistoryAsync(response)).Select(h => h.Text));
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task Complete_InterruptPolicyWhileStreamedTurnRuns_RunningGetsCancelledErrorAndNewIsAnswered()
    {
        var key = await CreateAsync("Interrupt");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Enqueue(new FakeOpenAiResponse { Chunks = ["thinking"], HoldBeforeEnd = gate.Task }, FakeOpenAiResponse.Reply("New", " answer."));
        try
        {
            var (response, stream) = await StartRunningTurnAsync(key, "first");
            using var _ = response;
            using var __ = stream;

            var second = await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("second"), key);
            var rest = await stream.ReadToEndAsync();

            Assert.Equal("New answer.", OpenAiWire.Content(second));
            var error = JsonDocument.Parse(Assert.Single(rest)).RootElement.GetProperty("error");
            OpenAiWire.AssertError(error, ErrorCodes.TurnCancelled, "invalid_request_error");
            Assert.Equal(
                [(MessageRole.User, "first"), (MessageRole.Assistant, "thinking [interrupted]"), (MessageRole.User, "second"), (MessageRole.Assistant, "New answer.")],
                (await HistoryAsync(response)).Select(h => (h.Role, h.Text)));
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task Complete_InterruptPolicyWhileJsonTurnRuns_RunningGets409TurnCancelled()
    {
        var key = await CreateAsync("Interrupt");
        var attempts = _provider.AttemptCount;

        // The provider holds the first (non-streamed) answer until its request is aborted by the interrupt.
        _provider.Enqueue(FakeOpenAiResponse.SlowFirstByte(TimeSpan.FromMinutes(5), "never sent"), FakeOpenAiResponse.Reply("Second", " wins."));
        var first = _http.SendAsync(OpenAiWire.Post(OpenAiWire.Body("first"), key));
        await _provider.WaitForAttemptsAsync(attempts + 1).WaitAsync(TestTimeout.Token());

        var second = await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("second"), key);
        using var interrupted = await first;

        Assert.Equal("Second wins.", OpenAiWire.Content(second));
        await OpenAiWire.IsErrorAsync(interrupted, HttpStatusCode.Conflict, ErrorCodes.TurnCancelled);
    }

    [Fact]
    public async Task Complete_EnqueuePolicyWhileTurnRuns_BothAnsweredInOrder()
    {
        var key = await CreateAsync("Enqueue");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Enqueue(new FakeOpenAiResponse { Chunks = ["one"], HoldBeforeEnd = gate.Task }, FakeOpenAiResponse.Reply("two"));
        try
        {
            var (response, stream) = await StartRunningTurnAsync(key, "first");
            using var _ = response;
            using var __ = stream;
            var attempts = _provider.AttemptCount;

            var second = OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("second"), key);
            Assert.False(second.IsCompleted, "the second turn waits for the first");
            gate.SetResult();
            var rest = await stream.ReadToEndAsync();
            var secondReply = await second;

            Assert.Equal(OpenAiStream.Done, rest[^1]);
            Assert.Equal("two", OpenAiWire.Content(secondReply));
            Assert.Equal(
                [("user", "first"), ("assistant", "one"), ("user", "second")],
                _provider.Requests[attempts].Messages.Select(m => (m.Role, m.Content ?? "")));
            Assert.Equal(["first", "one", "second", "two"], (await HistoryAsync(response)).Select(h => h.Text));
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    /// <summary>A new keyed session with <paramref name="policy"/>, through the sessions API.</summary>
    private async Task<string> CreateAsync(string policy)
    {
        var key = $"double-texting:{policy}:{Guid.NewGuid()}";
        using var response = await _http.PutAsJsonAsync("v1/sessions/by-key/" + Uri.EscapeDataString(key), new { config = new { doubleTexting = policy } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return key;
    }

    /// <summary>Starts a streamed turn and returns once its first token arrived: from then on the turn is running.</summary>
    private async Task<(HttpResponseMessage Response, OpenAiStream Stream)> StartRunningTurnAsync(string key, string text)
    {
        var (response, stream) = await OpenAiWire.StartStreamAsync(_http, OpenAiWire.Body(text, stream: true), key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await stream.NextChunkAsync();
        Assert.False(string.IsNullOrEmpty(OpenAiStream.Delta(await stream.NextChunkAsync())));
        return (response, stream);
    }

    private async Task<List<HistoryEntry>> HistoryAsync(HttpResponseMessage response) =>
        (await _http.GetFromJsonAsync<List<HistoryEntry>>($"v1/sessions/{response.Headers.GetValues(OpenAiWire.SessionIdHeader).Single()}/history", Json))!;
}
