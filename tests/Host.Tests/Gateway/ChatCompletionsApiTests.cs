using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary><c>POST /v1/chat/completions</c> on the real session system with the local model, over plain HTTP.</summary>
public sealed class ChatCompletionsApiTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly TestHost _host = fixture.Host;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task Complete_NonStreaming_ReturnsChatCompletion()
    {
        var body = new
        {
            model = "jido-local-1",
            messages = new[] { new { role = "user", content = "hello there" } },
            temperature = 0.2,
            max_tokens = 256,
        };

        using var request = OpenAiWire.Post(body, "chat:plain:" + Guid.NewGuid());
        using var response = await _http.SendAsync(request);
        var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("chatcmpl-", completion.GetProperty("id").GetString());
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        Assert.True(completion.GetProperty("created").GetInt64() > 1_700_000_000);
        Assert.Equal("jido-local-1", completion.GetProperty("model").GetString());
        var choice = Assert.Single(completion.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("You said: \"hello there\". This conversation has 0 earlier messages.", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = completion.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.True(usage.GetProperty("completion_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.True(SessionId.TryParse(response.Headers.GetValues(OpenAiWire.SessionIdHeader).Single(), out _));
    }

    [Fact]
    public async Task Complete_Streaming_SendsDeltasThenStopThenDone()
    {
        var key = "chat:stream:" + Guid.NewGuid();

        var (response, stream) = await OpenAiWire.StartStreamAsync(_http, OpenAiWire.Body("one two three", stream: true), key);
        var payloads = await stream.ReadToEndAsync();
        stream.Dispose();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OpenAiStream.Done, payloads[^1]);
        var chunks = payloads.SkipLast(1).Select(p => JsonDocument.Parse(p).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.All(chunks, c => Assert.Equal("jido-local-1", c.GetProperty("model").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var last = chunks[^1].GetProperty("choices")[0];
        Assert.Equal("stop", last.GetProperty("finish_reason").GetString());
        Assert.Empty(last.GetProperty("delta").EnumerateObject());
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        var streamed = string.Concat(chunks.Select(OpenAiStream.Delta));
        var history = await HistoryAsync(response.Headers.GetValues(OpenAiWire.SessionIdHeader).Single());
        Assert.Equal("You said: \"one two three\". This conversation has 0 earlier messages.", streamed);
        Assert.Equal(streamed, history[^1].Text);
        Assert.True(chunks.Count(c => !string.IsNullOrEmpty(OpenAiStream.Delta(c))) > 1, "the reply arrives as several deltas");
    }

    [Fact]
    public async Task Complete_StreamWithIncludeUsage_SendsUsageChunkBeforeDone()
    {
        var body = new
        {
            messages = new[] { new { role = "user", content = "count my words" } },
            stream = true,
            stream_options = new { include_usage = true },
        };

        var (_, stream) = await OpenAiWire.StartStreamAsync(_http, body, "chat:usage:" + Guid.NewGuid());
        var payloads = await stream.ReadToEndAsync();
        stream.Dispose();

        Assert.Equal(OpenAiStream.Done, payloads[^1]);
        var usageChunk = JsonDocument.Parse(payloads[^2]).RootElement;
        Assert.Empty(usageChunk.GetProperty("choices").EnumerateArray());
        Assert.True(usageChunk.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        Assert.Equal("stop", JsonDocument.Parse(payloads[^3]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Complete_SecondRequestWithSameKeySendsOnlyNewestMessage_RemembersTheFirst()
    {
        var key = "chat:memory:" + Guid.NewGuid();
        await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("the password is swordfish"), key);

        var second = await OpenAiWire.CompleteAsync(_http, OpenAiWire.Body("what did I say first?"), key);

        Assert.Equal("Your first message was: \"the password is swordfish\".", OpenAiWire.Content(second));
    }

    [Fact]
    public async Task Complete_UserFieldWithoutHeader_IsTheSessionKey()
    {
        var user = "user-" + Guid.NewGuid();
        await OpenAiWire.CompleteAsync(_http, new { messages = new[] { new { role = "user", content = "My name is Ada." } }, user });

        var second = await OpenAiWire.CompleteAsync(_http, new { messages = new[] { new { role = "user", content = "What is my name?" } }, user });
        var other = await OpenAiWire.CompleteAsync(_http, new { messages = new[] { new { role = "user", content = "What is my name?" } }, user }, "header-wins-" + Guid.NewGuid());

        Assert.Equal("Your name is Ada.", OpenAiWire.Content(second));
        Assert.Equal("I do not know your name yet.", OpenAiWire.Content(other));
    }

    [Fact]
    public async Task Complete_SystemMessageAndModel_SetTheSessionConfigAndModelIsEchoed()
    {
        var key = "chat:config:" + Guid.NewGuid();
        var body = new
        {
            model = "my-model",
            messages = new[]
            {
                new { role = "system", content = "You are Captain Jido. You answer briefly." },
                new { role = "user", content = "who are you?" },
            },
        };

        var completion = await OpenAiWire.CompleteAsync(_http, body, key);
        var session = await _http.PutAsync("v1/sessions/by-key/" + Uri.EscapeDataString(key), null);
        var info = (await session.Content.ReadFromJsonAsync<GetOrCreateResult>(Json))!;

        Assert.Equal("my-model", completion.GetProperty("model").GetString());
        Assert.Contains("My configured persona: \"You are Captain Jido.\"", OpenAiWire.Content(completion));
        Assert.False(info.Created);
        Assert.Equal("my-model", info.Session.Config.Model);
        Assert.Equal("You are Captain Jido. You answer briefly.", info.Session.Config.SystemPrompt);
    }

    [Fact]
    public async Task Complete_ContentParts_UsesTheirText()
    {
        var body = new
        {
            messages = new[] { new { role = "user", content = new[] { new { type = "text", text = "part one" }, new { type = "text", text = "part two" } } } },
        };

        var completion = await OpenAiWire.CompleteAsync(_http, body, "chat:parts:" + Guid.NewGuid());

        Assert.Equal("You said: \"part one\npart two\". This conversation has 0 earlier messages.", OpenAiWire.Content(completion));
    }

    [Fact]
    public async Task Complete_WithoutKey_AnswersInOneOffSessionAndLeavesNothing()
    {
        var before = await SessionIdsAsync();
        var body = new
        {
            messages = new[]
            {
                new { role = "user", content = "an earlier turn the model reads from the request" },
                new { role = "assistant", content = "ok" },
                new { role = "user", content = "what did I say first?" },
            },
        };

        using var request = OpenAiWire.Post(body);
        using var response = await _http.SendAsync(request);
        var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var oneOff = response.Headers.GetValues(OpenAiWire.SessionIdHeader).Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // No key, so no history of its own: the one-off session's model reads the request's earlier messages.
        Assert.Contains("an earlier turn the model reads from the request", OpenAiWire.Content(completion), StringComparison.Ordinal);
        Assert.Equal(before, await SessionIdsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"v1/sessions/{oneOff}")).StatusCode);
    }

    [Fact]
    public async Task Complete_StreamingWithoutKey_EndsTheOneOffSessionWithTheResponse()
    {
        var before = await SessionIdsAsync();

        var (response, stream) = await OpenAiWire.StartStreamAsync(_http, OpenAiWire.Body("just once", stream: true));
        var payloads = await stream.ReadToEndAsync();
        stream.Dispose();

        Assert.Equal(OpenAiStream.Done, payloads[^1]);
        Assert.Equal(before, await SessionIdsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"v1/sessions/{response.Headers.GetValues(OpenAiWire.SessionIdHeader).Single()}")).StatusCode);
    }

    private async Task<List<HistoryEntry>> HistoryAsync(string sessionId) =>
        (await _http.GetFromJsonAsync<List<HistoryEntry>>($"v1/sessions/{sessionId}/history", Json))!;

    private async Task<List<SessionId>> SessionIdsAsync() =>
        [.. (await _http.GetFromJsonAsync<SessionPage>("v1/sessions?limit=1000", Json))!.Items.Select(s => s.Id).OrderBy(id => id.ToString(), StringComparer.Ordinal)];
}
