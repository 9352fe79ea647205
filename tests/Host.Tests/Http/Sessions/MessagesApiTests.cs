using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Actors.Tests.Llm;
using JidoSessions.Host.Tests.Gateway;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Sessions;

/// <summary>
/// Messages over HTTP on the real session system, the model being a fake OpenAI-compatible server on loopback that
/// each test scripts (tests of a class run one at a time, so the script is the test's).
/// </summary>
public sealed class MessagesApiTests(ProviderHostFixture fixture) : IClassFixture<ProviderHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly TestHost _host = fixture.Host;
    private readonly FakeOpenAiServer _provider = fixture.Provider;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task Send_Json_ReturnsReplyAndAppendsHistory()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;
        _provider.Enqueue(FakeOpenAiResponse.Reply("echo: ", "hello there"));

        var response = await _http.PostAsJsonAsync($"v1/sessions/{id}/messages", new { message = "hello there" });
        var history = await _http.GetFromJsonAsync<List<HistoryEntry>>($"v1/sessions/{id}/history", Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<MessageReply>(Json);
        Assert.Equal("echo: hello there", reply!.Text);
        Assert.Equal(id, reply.SessionId);
        Assert.Equal(ProviderHostFixture.Model, reply.Model);
        Assert.Equal([(1L, MessageRole.User, "hello there"), (2L, MessageRole.Assistant, "echo: hello there")], history!.Select(h => (h.Sequence, h.Role, h.Text)));
        Assert.Contains("hello there", _provider.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_StreamTrue_WritesTokenEventsThenDone()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;
        _provider.Enqueue(FakeOpenAiResponse.Reply("echo:", " one", " two", " three"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/sessions/{id}/messages?stream=true")
        {
            Content = JsonContent.Create(new { message = "one two three" }),
        };

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var sse = new RawSse(await response.Content.ReadAsStreamAsync());
        var blocks = new List<RawSseBlock>();
        while (await sse.NextAsync(TestTimeout.Token()) is { } block)
        {
            blocks.Add(block);
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["token", "token", "token", "token", "done"], blocks.Select(b => b.Event));
        var text = string.Concat(blocks.SkipLast(1).Select(b => JsonDocument.Parse(b.Data!).RootElement.GetProperty("delta").GetString()));
        Assert.Equal("echo: one two three", text);
        var reply = JsonSerializer.Deserialize<MessageReply>(blocks[^1].Data!, Json);
        Assert.Equal("echo: one two three", reply!.Text);
    }

    [Fact]
    public async Task Send_StreamToUnknownSession_ReturnsProblemNotStream()
    {
        var response = await _http.PostAsJsonAsync($"v1/sessions/{SessionId.New()}/messages?stream=true", new { message = "x" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
    }

    [Fact]
    public async Task Send_ModelFails_Returns502AndAppendsNothing()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;
        _provider.Enqueue(FakeOpenAiResponse.Error(500));

        var response = await _http.PostAsJsonAsync($"v1/sessions/{id}/messages", new { message = "hello" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.TurnFailed);
        Assert.Equal("ServerError", problem.GetProperty("kind").GetString());
        Assert.Empty(await _host.AcmeClient().GetHistoryAsync(id));

        // The session stays usable.
        _provider.Enqueue(FakeOpenAiResponse.Reply("back"));
        Assert.Equal("back", (await (await _http.PostAsJsonAsync($"v1/sessions/{id}/messages", new { message = "again" })).Content.ReadFromJsonAsync<MessageReply>(Json))!.Text);
    }

    [Fact]
    public async Task Send_WhileTurnRunsWithRejectPolicy_Returns409TurnInProgress()
    {
        var client = _host.AcmeClient();
        var id = (await client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { DoubleTexting = DoubleTextingPolicy.Reject } })).Id;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _provider.Enqueue(FakeOpenAiResponse.Reply("partial") with { HoldBeforeEnd = release.Task });
        var attempts = _provider.AttemptCount;
        var holding = _http.PostAsJsonAsync($"v1/sessions/{id}/messages", new { message = "hold on" });
        await _provider.WaitForAttemptsAsync(attempts + 1).WaitAsync(TestTimeout.Token());

        var second = await _http.PostAsJsonAsync($"v1/sessions/{id}/messages", new { message = "hi" });
        var cancel = await _http.PostAsync($"v1/sessions/{id}/turn/cancel", null);
        var held = await holding;
        release.TrySetResult();

        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, ErrorCodes.TurnInProgress);
        Assert.True((await cancel.Content.ReadFromJsonAsync<CancelTurnResponse>(Json))!.Cancelled);
        await ProblemAssert.IsProblemAsync(held, HttpStatusCode.Conflict, ErrorCodes.TurnCancelled);
        Assert.Empty(await client.GetHistoryAsync(id));
    }

    [Fact]
    public async Task Send_WithOptions_TheProviderGetsThem_AndInvalidOnesAre400NamingThem()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;
        _provider.Enqueue(FakeOpenAiResponse.Reply("cool"));
        var before = _provider.AttemptCount;

        var ok = await _http.PostAsync($"v1/sessions/{id}/messages", new StringContent(
            """{"message":"hi","options":{"temperature":0.1,"maxOutputTokens":9,"responseFormat":{"kind":"JsonObject"}}}""", Encoding.UTF8, "application/json"));
        var bad = await _http.PostAsync($"v1/sessions/{id}/messages", new StringContent(
            """{"message":"hi","options":{"temperature":9}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var sent = _provider.Requests[before].Json!;
        Assert.Equal(0.1, sent["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(9, (sent["max_completion_tokens"] ?? sent["max_tokens"])!.GetValue<int>());
        Assert.Equal("json_object", sent["response_format"]!["type"]!.GetValue<string>());
        var problem = await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("options.temperature", out _), problem.ToString());
        Assert.Equal(before + 1, _provider.AttemptCount);
        Assert.Equal(2, (await _host.AcmeClient().GetHistoryAsync(id)).Count);
    }

    [Fact]
    public async Task CancelTurn_NoTurnRunning_ReturnsFalse()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;

        var response = await _http.PostAsync($"v1/sessions/{id}/turn/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<CancelTurnResponse>(Json))!.Cancelled);
    }

    [Fact]
    public async Task History_NewSession_IsEmptyArray()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;

        var body = await _http.GetStringAsync($"v1/sessions/{id}/history");

        Assert.Equal("[]", body);
    }

    [Fact]
    public async Task Send_UnicodeMessage_RoundTrips()
    {
        var id = (await _host.AcmeClient().CreateAsync()).Id;
        const string Message = "héllo 世界 🎉 \"quoted\"\nnew line";
        _provider.Enqueue(FakeOpenAiResponse.Reply("echo: " + Message));

        var response = await _http.PostAsync($"v1/sessions/{id}/messages", new StringContent(JsonSerializer.Serialize(new { message = Message }), Encoding.UTF8, "application/json"));

        var reply = await response.Content.ReadFromJsonAsync<MessageReply>(Json);
        Assert.Equal("echo: " + Message, reply!.Text);
        Assert.Equal(Message, (await _host.AcmeClient().GetHistoryAsync(id))[0].Text);
    }
}
