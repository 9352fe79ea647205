using System.Net;
using JidoSessions.Client;
using JidoSessions.Host.Tests.Gateway;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary>
/// Text that is not Unicode (a lone surrogate escape, a byte that is not UTF-8) is refused with 400 naming the
/// field on every endpoint that reads text, never answered 500.
/// </summary>
public sealed class InvalidTextTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    public static TheoryData<string, string, string> ChatCases()
    {
        var data = new TheoryData<string, string, string>();
        var shapes = new (string Template, string Param)[]
        {
            ("""{"messages":[{"role":"user","content":"a@@b"}]}""", "messages[0].content"),
            ("""{"messages":[{"role":"user","content":[{"type":"text","text":"a@@b"}]}]}""", "messages[0].content[0].text"),
            ("""{"messages":[{"role":"system","content":"a@@b"},{"role":"user","content":"hi"}]}""", "messages[0].content"),
            ("""{"messages":[{"role":"developer","content":[{"type":"text","text":"@@"}]},{"role":"user","content":"hi"}]}""", "messages[0].content[0].text"),
            ("""{"messages":[{"role":"user","content":"hi"},{"role":"user","content":"@@"}],"stream":true}""", "messages[1].content"),
            ("""{"messages":[{"role":"user","content":[{"type":"@@","text":"hi"}]}]}""", "messages[0].content[0]"),
        };
        foreach (var (template, param) in shapes)
        {
            data.Add(template, RawBody.LoneSurrogate, param);
            data.Add(template, RawBody.InvalidUtf8, param);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChatCases))]
    public async Task ChatCompletions_InvalidText_Returns400NamingParam(string template, string bad, string param)
    {
        using var content = RawBody.Json(template, bad);

        using var response = await _http.PostAsync(OpenAiWire.ChatPath, content);

        var error = await OpenAiWire.IsErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Theory]
    [InlineData(RawBody.LoneSurrogate)]
    [InlineData(RawBody.InvalidUtf8)]
    public async Task SendMessage_InvalidText_Returns400NamingMessage(string bad)
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;
        using var content = RawBody.Json("""{"message":"a@@b"}""", bad);

        using var response = await _http.PostAsync($"v1/sessions/{id}/messages", content);

        await ProblemAssert.IsValidationProblemAsync(response, "message");
    }

    [Theory]
    [InlineData("""{"prompt":"a@@","callId":"c-1","accountId":"a","peerId":"p"}""", RawBody.LoneSurrogate, "prompt")]
    [InlineData("""{"prompt":"a@@","callId":"c-1","accountId":"a","peerId":"p"}""", RawBody.InvalidUtf8, "prompt")]
    [InlineData("""{"prompt":"hi","callId":"c-@@","accountId":"a","peerId":"p"}""", RawBody.InvalidUtf8, "callId")]
    [InlineData("""{"prompt":"hi","callId":"c-1","accountId":"@@","peerId":"p"}""", RawBody.LoneSurrogate, "accountId")]
    public async Task VoiceQuery_InvalidText_Returns400NamingTheField(string template, string bad, string field)
    {
        using var content = RawBody.Json(template, bad);

        using var response = await _http.PostAsync("voice/query", content);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData(RawBody.LoneSurrogate)]
    [InlineData(RawBody.InvalidUtf8)]
    public async Task AddFile_InvalidTextInContent_Returns400NamingContent(string bad)
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;
        using var content = RawBody.Json("""{"path":"a.txt","content":"x@@"}""", bad);

        using var response = await _http.PostAsync($"v1/sessions/{id}/files", content);

        await ProblemAssert.IsValidationProblemAsync(response, "content");
    }
}
