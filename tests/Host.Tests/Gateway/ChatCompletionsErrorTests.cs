using System.Net;
using System.Net.Http.Json;
using System.Text;
using JidoSessions.Client;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>Refused chat completions: OpenAI's error shape with the right status, type, code and param.</summary>
public sealed class ChatCompletionsErrorTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Theory]
    [InlineData("{", "body")]
    [InlineData("", "body")]
    [InlineData("{}", "messages")]
    [InlineData("""{"messages":[]}""", "messages")]
    [InlineData("""{"messages":"hello"}""", "messages")]
    [InlineData("""{"messages":[{"role":"assistant","content":"hi"}]}""", "messages")]
    [InlineData("""{"messages":[{"content":"hi"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":""}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"user","content":42}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", "messages[0].content[0]")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"stream":"yes"}""", "stream")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"n":2}""", "n")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"model":" "}""", "model")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"user":" padded "}""", "user")]
    public async Task Complete_InvalidBody_Returns400InvalidRequestNamingParam(string body, string param)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync(OpenAiWire.ChatPath, content);

        var error = await OpenAiWire.IsErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Complete_TooLongSessionKeyHeader_Returns400NamingHeader()
    {
        using var request = OpenAiWire.Post(OpenAiWire.Body("hi"), new string('k', SessionKey.MaxLength + 1));

        using var response = await _http.SendAsync(request);

        var error = await OpenAiWire.IsErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(OpenAiWire.SessionKeyHeader, error.GetProperty("param").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key-of-anyone-0123456789")]
    public async Task Complete_MissingOrUnknownApiKey_Returns401InOpenAiShape(string? apiKey)
    {
        var http = apiKey is null ? _host.Anonymous() : _host.WithKey(apiKey);

        using var response = await http.PostAsJsonAsync(OpenAiWire.ChatPath, OpenAiWire.Body("hi"));

        await OpenAiWire.IsErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Complete_BodyOverTheLimit_Returns413InOpenAiShape()
    {
        var text = new string('x', 2 * 1024 * 1024);

        using var response = await _http.PostAsJsonAsync(OpenAiWire.ChatPath, OpenAiWire.Body(text));

        await OpenAiWire.IsErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }
}
