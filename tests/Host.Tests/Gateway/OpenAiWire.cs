using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>Plain HTTP in OpenAI's shapes: chat-completion requests, their event streams, and error bodies.</summary>
internal static class OpenAiWire
{
    public const string ChatPath = "v1/chat/completions";
    public const string SessionKeyHeader = "X-Session-Key";
    public const string SessionIdHeader = "X-Session-Id";

    /// <summary>A request body as OpenAI clients send it: model, messages, and the stream flag.</summary>
    public static object Body(string userText, bool stream = false, string model = "jido-local-1") => new
    {
        model,
        messages = new[] { new { role = "user", content = userText } },
        stream,
    };

    public static HttpRequestMessage Post(object body, string? sessionKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ChatPath) { Content = JsonContent.Create(body) };
        if (sessionKey is not null)
        {
            request.Headers.Add(SessionKeyHeader, sessionKey);
        }

        return request;
    }

    public static async Task<JsonElement> CompleteAsync(HttpClient http, object body, string? sessionKey = null)
    {
        using var request = Post(body, sessionKey);
        using var response = await http.SendAsync(request, TestTimeout.Token());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200 but got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary><c>choices[0].message.content</c> of a completion.</summary>
    public static string Content(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    /// <summary>Starts a streamed request and returns once the response headers arrived.</summary>
    public static async Task<(HttpResponseMessage Response, OpenAiStream Stream)> StartStreamAsync(HttpClient http, object body, string? sessionKey = null)
    {
        using var request = Post(body, sessionKey);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestTimeout.Token());
        return (response, new OpenAiStream(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Asserts an OpenAI error body (<c>{"error":{"message","type","param","code"}}</c>) and returns the error.</summary>
    public static async Task<JsonElement> IsErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string type = "invalid_request_error")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error").Clone();
        AssertError(error, code, type);
        return error;
    }

    public static void AssertError(JsonElement error, string code, string type)
    {
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("param", out _), $"an error has a param member: {error}");
    }
}

/// <summary>Reads an OpenAI event stream's <c>data:</c> payloads one by one, as they arrive.</summary>
internal sealed class OpenAiStream(Stream stream) : IDisposable
{
    public const string Done = "[DONE]";

    private readonly RawSse _sse = new(stream);

    /// <summary>The next payload; null at the end of the stream.</summary>
    public async Task<string?> NextAsync()
    {
        var block = await _sse.NextAsync(TestTimeout.Token());
        Assert.True(block is null || (block.Event is null && block.Data is not null), $"OpenAI streams carry only data lines: {block}");
        return block?.Data;
    }

    /// <summary>The next payload as a chunk (fails at the end of the stream or on <c>[DONE]</c>).</summary>
    public async Task<JsonElement> NextChunkAsync()
    {
        var data = await NextAsync();
        Assert.NotNull(data);
        Assert.NotEqual(Done, data);
        return JsonDocument.Parse(data).RootElement.Clone();
    }

    /// <summary>Every remaining payload, up to the end of the response.</summary>
    public async Task<List<string>> ReadToEndAsync()
    {
        var all = new List<string>();
        while (await NextAsync() is { } data)
        {
            all.Add(data);
        }

        return all;
    }

    /// <summary><c>choices[0].delta.content</c>, or null when the chunk has none.</summary>
    public static string? Delta(JsonElement chunk) =>
        chunk.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0
            && choices[0].GetProperty("delta").TryGetProperty("content", out var content) ? content.GetString() : null;

    public void Dispose() => _sse.Dispose();
}
