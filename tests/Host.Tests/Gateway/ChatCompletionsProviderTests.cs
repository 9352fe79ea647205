using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Actors.Tests.Llm;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;
using static JidoSessions.Host.Tests.Support.Eventually;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>
/// Chat completions end to end through an OpenAI-compatible provider: the host runs with <c>llm.provider = openai</c>
/// against <see cref="FakeOpenAiServer"/>, and everything is plain HTTP on loopback.
/// </summary>
public sealed class ChatCompletionsProviderTests(ProviderHostFixture fixture) : IClassFixture<ProviderHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly FakeOpenAiServer _provider = fixture.Provider;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task Complete_KeyedSession_ProviderGetsTheSessionHistoryAsContext()
    {
        var key = "provider:context:" + Guid.NewGuid();
        _provider.Enqueue(FakeOpenAiResponse.Reply("Nice to", " meet you."), FakeOpenAiResponse.Reply("You are Grace."));
        var first = new
        {
            model = "gpt-test",
            messages = new[] { new { role = "system", content = "Be kind." }, new { role = "user", content = "I am Grace." } },
        };
        await OpenAiWire.CompleteAsync(_http, first, key);
        var before = _provider.AttemptCount;

        var second = await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("Who am I?", model: "gpt-test"), key);

        var sent = _provider.Requests[before];
        Assert.Equal(
            [("system", "Be kind."), ("user", "I am Grace."), ("assistant", "Nice to meet you."), ("user", "Who am I?")],
            sent.Messages.Select(m => (m.Role, m.Content ?? "")));
        Assert.Equal("gpt-test", sent.Model);
        Assert.Equal("You are Grace.", OpenAiWire.Content(second));
        Assert.Equal("gpt-test", second.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Complete_ProviderReportsUsage_ItsCountsAreTheAnswersUsage_StreamingOrNot()
    {
        _provider.Enqueue(
            new FakeOpenAiResponse { Chunks = ["counted ", "by the provider"], PromptTokens = 321, CompletionTokens = 45 },
            new FakeOpenAiResponse { Chunks = ["streamed ", "and counted"], PromptTokens = 654, CompletionTokens = 32 });

        var completion = await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("count me", model: "gpt-test"), "provider:usage:" + Guid.NewGuid());
        var body = new
        {
            model = "gpt-test",
            messages = new[] { new { role = "user", content = "count me too" } },
            stream = true,
            stream_options = new { include_usage = true },
        };
        var (_, stream) = await OpenAiWire.StartStreamAsync(_http, body, "provider:usage:" + Guid.NewGuid());
        var payloads = await stream.ReadToEndAsync();
        stream.Dispose();

        var usage = completion.GetProperty("usage");
        Assert.Equal((321, 45, 366), (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32()));
        var streamed = JsonDocument.Parse(payloads[^2]).RootElement.GetProperty("usage");
        Assert.Equal((654, 32, 686), (streamed.GetProperty("prompt_tokens").GetInt32(), streamed.GetProperty("completion_tokens").GetInt32(), streamed.GetProperty("total_tokens").GetInt32()));
    }

    [Fact]
    public async Task Complete_Streaming_EachTokenReachesCallerWhileProviderStreamIsOpen()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Enqueue(new FakeOpenAiResponse { Chunks = ["Hel", "lo"], HoldBeforeEnd = gate.Task });
        try
        {
            var (response, stream) = await OpenAiWire.StartStreamAsync(_http, OpenAiWire.Body("hi", stream: true), "provider:flow:" + Guid.NewGuid());
            using var _ = response;
            using var __ = stream;
            var role = await stream.NextChunkAsync();
            var received = "";
            while (received != "Hello")
            {
                received += OpenAiStream.Delta(await stream.NextChunkAsync());
            }

            Assert.False(gate.Task.IsCompleted, "the provider's stream is still open");
            gate.SetResult();
            var rest = await stream.ReadToEndAsync();

            Assert.Equal("assistant", role.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
            Assert.Equal(2, rest.Count);
            Assert.Equal("stop", JsonDocument.Parse(rest[0]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
            Assert.Equal(OpenAiStream.Done, rest[1]);
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(429, false)]
    [InlineData(401, false)]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(401, true)]
    public async Task Complete_ProviderFails_Returns502TurnFailedAndSessionStaysUsable(int status, bool stream)
    {
        var key = "provider:fails:" + Guid.NewGuid();
        _provider.Enqueue(FakeOpenAiResponse.Error(status), FakeOpenAiResponse.Reply("Back", " again."));

        using var failed = await _http.SendAsync(OpenAiWire.Post(OpenAiWire.Body("first try", stream), key));
        var error = await OpenAiWire.IsErrorAsync(failed, HttpStatusCode.BadGateway, ErrorCodes.TurnFailed, "server_error");
        var next = await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("second try"), key);

        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("Back again.", OpenAiWire.Content(next));
        var history = await HistoryAsync(failed.Headers.GetValues(OpenAiWire.SessionIdHeader).Single());
        Assert.Equal([(MessageRole.User, "second try"), (MessageRole.Assistant, "Back again.")], history.Select(h => (h.Role, h.Text)));
    }

    [Fact]
    public async Task Complete_ProviderFailsMidStream_SendsErrorChunkAndNoDone()
    {
        // The reset waits until the caller holds the text: a reset discards data still unread in the socket.
        var textReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Enqueue(FakeOpenAiResponse.Reply("partial") with { Ending = FakeStreamEnding.Reset, HoldBeforeEnd = textReceived.Task });
        try
        {
            var (response, stream) = await OpenAiWire.StartStreamAsync(_http, OpenAiWire.Body("go", stream: true), "provider:midstream:" + Guid.NewGuid());
            using var _ = response;
            using var __ = stream;
            await stream.NextChunkAsync();
            var partial = OpenAiStream.Delta(await stream.NextChunkAsync());
            textReceived.SetResult();
            var rest = await stream.ReadToEndAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("partial", partial);
            var error = JsonDocument.Parse(Assert.Single(rest)).RootElement.GetProperty("error");
            OpenAiWire.AssertError(error, ErrorCodes.TurnFailed, "server_error");
        }
        finally
        {
            textReceived.TrySetResult();
        }
    }

    [Fact]
    public async Task Complete_CallerDisconnectsMidStream_CompletedTurnRecordedOnce()
    {
        var key = "provider:disconnect:" + Guid.NewGuid();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Enqueue(new FakeOpenAiResponse { Chunks = ["Hello", ", world"], HoldBeforeEnd = gate.Task });
        string sessionId;
        try
        {
            var (response, stream) = await OpenAiWire.StartStreamAsync(_http, OpenAiWire.Body("tell me", stream: true), key);
            sessionId = response.Headers.GetValues(OpenAiWire.SessionIdHeader).Single();
            await stream.NextChunkAsync();
            Assert.Equal("Hello", OpenAiStream.Delta(await stream.NextChunkAsync()));

            // The caller goes away mid-stream, then the provider finishes the reply.
            stream.Dispose();
            response.Dispose();
        }
        finally
        {
            gate.TrySetResult();
        }

        await AwaitAssertAsync(
            async () => Assert.Equal(
                [(MessageRole.User, "tell me"), (MessageRole.Assistant, "Hello, world")],
                (await HistoryAsync(sessionId)).Select(h => (h.Role, h.Text))),
            TimeSpan.FromSeconds(10));
        var before = _provider.AttemptCount;
        await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("and then?"), key);
        Assert.Equal(
            [("user", "tell me"), ("assistant", "Hello, world"), ("user", "and then?")],
            _provider.Requests[before].Messages.Select(m => (m.Role, m.Content ?? "")));
        Assert.Equal(4, (await HistoryAsync(sessionId)).Count);
    }

    [Fact]
    public async Task Models_List_ReturnsTheProvidersConfiguredModel()
    {
        var list = await _http.GetFromJsonAsync<JsonElement>("v1/models");

        var model = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(ProviderHostFixture.Model, model.GetProperty("id").GetString());
    }

    private async Task<List<HistoryEntry>> HistoryAsync(string sessionId) =>
        (await _http.GetFromJsonAsync<List<HistoryEntry>>($"v1/sessions/{sessionId}/history", Json))!;
}
