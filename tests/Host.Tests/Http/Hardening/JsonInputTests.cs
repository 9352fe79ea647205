using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Host.Tests.Gateway;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary>
/// JSON bodies are read strictly on the real session system: only JSON media types, no duplicate members, enums by
/// their documented names only, no control characters in names; a refusal changes nothing.
/// </summary>
public sealed class JsonInputTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    public static TheoryData<string> UndefinedEnumValues() => new()
    {
        "7", "\"7\"", "-1", "2147483647", "\"Reject,Interrupt\"", "\"Reject, Interrupt\"", "\" Reject\"", "\"\"", "1.5", "true", "{}",
    };

    [Theory]
    [MemberData(nameof(UndefinedEnumValues))]
    public async Task Create_UndefinedDoubleTexting_Returns400NamingAllowedValuesAndCreatesNothing(string value)
    {
        var before = await SessionCountAsync();

        using var response = await PostJsonAsync("v1/sessions", "{\"config\":{\"doubleTexting\":" + value + "}}");

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "config.doubleTexting");
        Assert.Contains("Enqueue, Reject, Interrupt", problem.GetProperty("errors").GetProperty("config.doubleTexting").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SessionCountAsync());
    }

    [Theory]
    [MemberData(nameof(UndefinedEnumValues))]
    public async Task SetConfig_UndefinedDoubleTexting_Returns400AndStoresNothing(string value)
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;

        using var response = await SendJsonAsync(HttpMethod.Put, $"v1/sessions/{id}/config", "{\"doubleTexting\":" + value + "}");

        await ProblemAssert.IsValidationProblemAsync(response, "doubleTexting");
        Assert.Null((await fixture.Host.AcmeClient().GetInfoAsync(id)).Config.DoubleTexting);
    }

    [Theory]
    [InlineData("\"reject\"", DoubleTextingPolicy.Reject)]
    [InlineData("\"INTERRUPT\"", DoubleTextingPolicy.Interrupt)]
    [InlineData("\"Enqueue\"", DoubleTextingPolicy.Enqueue)]
    public async Task SetConfig_DoubleTextingNameInAnyCase_IsStored(string value, DoubleTextingPolicy expected)
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;

        using var response = await SendJsonAsync(HttpMethod.Put, $"v1/sessions/{id}/config", "{\"doubleTexting\":" + value + "}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, (await fixture.Host.AcmeClient().GetInfoAsync(id)).Config.DoubleTexting);
    }

    public static TheoryData<string, string, string> JsonEndpoints() => new()
    {
        { "POST", "v1/sessions", """{"config":{"model":"m"}}""" },
        { "PUT", "v1/sessions/by-key/ct-@", """{"config":{"model":"m"}}""" },
        { "PUT", "v1/sessions/@/config", """{"model":"m"}""" },
        { "POST", "v1/sessions/@/messages", """{"message":"hi"}""" },
        { "POST", "v1/sessions/@/files", """{"path":"a.txt","content":"x"}""" },
        { "POST", "voice/query", """{"prompt":"hi","callId":"ct-@","accountId":"a","peerId":"p"}""" },
        { "POST", "voice/end-session", """{"callId":"ct-@"}""" },
        { "POST", OpenAiWire.ChatPath, """{"messages":[{"role":"user","content":"hi"}],"user":"ct-@"}""" },
    };

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task AnyJsonEndpoint_NonJsonContentType_Returns415AndChangesNothing(string method, string path, string json)
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;
        var before = await SessionCountAsync();
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png", null, "application/json; charset=utf-16" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("@", id.ToString(), StringComparison.Ordinal))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json.Replace("@", id.ToString(), StringComparison.Ordinal))),
            };
            request.Content.Headers.ContentType = type is null ? null : MediaTypeHeaderValue.Parse(type);

            using var response = await _http.SendAsync(request);

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{type ?? "no content type"} on {method} {path}: {(int)response.StatusCode} {body}");
            var code = path == OpenAiWire.ChatPath
                ? JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString()
                : JsonDocument.Parse(body).RootElement.GetProperty("code").GetString();
            Assert.Equal("unsupported_media_type", code);
        }

        Assert.Equal(before, await SessionCountAsync());
        Assert.Empty(await fixture.Host.AcmeClient().GetHistoryAsync(id));
        Assert.Empty(await fixture.Host.AcmeClient().ListFilesAsync(id));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/merge-patch+json")]
    public async Task SetConfig_JsonMediaType_IsAccepted(string type)
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;
        using var content = new StringContent("""{"model":"m2"}""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);

        using var response = await _http.PutAsync($"v1/sessions/{id}/config", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("v1/sessions/@/messages", """{"message":"a","message":"b"}""", "message")]
    [InlineData("v1/sessions/@/messages", """{"message":"a","Message":"b"}""", "Message")]
    [InlineData("v1/sessions/@/files", """{"path":"a.txt","content":"x","metadata":{"k":"1","k":"2"}}""", "metadata.k")]
    [InlineData("v1/sessions", """{"config":{"model":"a"},"config":{"model":"b"}}""", "config")]
    [InlineData("voice/query", """{"prompt":"hi","callId":"dup-1","callId":"dup-2","accountId":"a","peerId":"p"}""", "callId")]
    public async Task AnyBody_DuplicateMember_Returns400AndChangesNothing(string path, string json, string field)
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;
        var before = await SessionCountAsync();

        using var response = await PostJsonAsync(path.Replace("@", id.ToString(), StringComparison.Ordinal), json);

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(before, await SessionCountAsync());
        Assert.Empty(await fixture.Host.AcmeClient().GetHistoryAsync(id));
        Assert.Empty(await fixture.Host.AcmeClient().ListFilesAsync(id));
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"a"}],"model":"x","model":"y"}""", "model")]
    [InlineData("""{"messages":[{"role":"user","content":"a","content":"b"}]}""", "messages[0].content")]
    public async Task ChatCompletions_DuplicateMember_Returns400NamingParam(string json, string param)
    {
        using var response = await PostJsonAsync(OpenAiWire.ChatPath, json);

        var error = await OpenAiWire.IsErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("model", "a\nb")]
    [InlineData("model", "a\rb")]
    [InlineData("model", "a\tb")]
    [InlineData("voice", "a\nb")]
    [InlineData("voice", "a\tb")]
    public async Task SetConfig_ControlCharacterInModelOrVoice_Returns400AndStoresNothing(string field, string value)
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;

        using var response = await PostOrPutAsync(HttpMethod.Put, $"v1/sessions/{id}/config", new Dictionary<string, string> { [field] = value });
        using var create = await PostOrPutAsync(HttpMethod.Post, "v1/sessions", new { config = new Dictionary<string, string> { [field] = value } });

        await ProblemAssert.IsValidationProblemAsync(response, field);
        await ProblemAssert.IsValidationProblemAsync(create, field);
        var config = (await fixture.Host.AcmeClient().GetInfoAsync(id)).Config;
        Assert.Null(config.Model);
        Assert.Null(config.Voice);
    }

    [Fact]
    public async Task ChatCompletions_ControlCharacterInModel_Returns400NamingModel()
    {
        using var response = await PostOrPutAsync(HttpMethod.Post, OpenAiWire.ChatPath, OpenAiWire.Body("hi", model: "a\nb"));

        var error = await OpenAiWire.IsErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal("model", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task SetConfig_SystemPromptWithLineBreaksAndTabs_IsStored()
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;

        using var response = await PostOrPutAsync(HttpMethod.Put, $"v1/sessions/{id}/config", new { systemPrompt = "line one\nline\ttwo\r\n" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) => SendJsonAsync(HttpMethod.Post, path, json);

    private Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json) =>
        _http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private Task<HttpResponseMessage> PostOrPutAsync(HttpMethod method, string path, object body) =>
        SendJsonAsync(method, path, JsonSerializer.Serialize(body));

    private async Task<int> SessionCountAsync() => (await fixture.Host.AcmeClient().ListAsync()).Total;
}
