using JidoSessions.Host.Tests.Gateway;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary>
/// Requests the server itself refuses (bad framing, oversized heads, forbidden bytes) are answered with a problem
/// document and a 4xx status, never 500, and never an empty body.
/// </summary>
public sealed class KestrelRejectionTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private readonly Uri _server = fixture.Host.BaseAddress;

    [Fact]
    public async Task ChunkedBody_OverflowingChunkSize_Returns400Problem()
    {
        var id = (await fixture.Host.AcmeClient().CreateAsync()).Id;
        var head = RawHttp.Head($"POST /v1/sessions/{id}/messages HTTP/1.1", $"Authorization: Bearer {TestHost.AcmeKey}", "Content-Type: application/json", "Transfer-Encoding: chunked");

        var response = await RawHttp.SendAsync(_server, head, "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", TestTimeout.Token());

        AssertProblem(response, 400);
        Assert.Empty(await fixture.Host.AcmeClient().GetHistoryAsync(id));
    }

    [Fact]
    public async Task ChunkedBody_OverflowingChunkSizeOnChatCompletions_Returns400InOpenAiShape()
    {
        var head = RawHttp.Head($"POST /{OpenAiWire.ChatPath} HTTP/1.1", $"Authorization: Bearer {TestHost.AcmeKey}", "Content-Type: application/json", "Transfer-Encoding: chunked");

        var response = await RawHttp.SendAsync(_server, head, "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", TestTimeout.Token());

        Assert.Equal(400, response.Status);
        Assert.Equal("invalid_request_error", response.Json().GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChunkedBody_InvalidChunkSize_Returns400Problem()
    {
        var head = RawHttp.Head("POST /v1/sessions HTTP/1.1", $"Authorization: Bearer {TestHost.AcmeKey}", "Content-Type: application/json", "Transfer-Encoding: chunked");

        var response = await RawHttp.SendAsync(_server, head, "ZZ\r\n{}\r\n0\r\n\r\n", TestTimeout.Token());

        AssertProblem(response, 400);
    }

    [Fact]
    public async Task Headers_LargerThanTheServerAccepts_Returns431Problem()
    {
        var head = RawHttp.Head("GET /healthz HTTP/1.1", "X-Big: " + new string('h', 40_000));

        var response = await RawHttp.SendAsync(_server, head, null, TestTimeout.Token());

        AssertProblem(response, 431);
    }

    [Fact]
    public async Task Headers_TooLargeOnTheSecondRequestOfAConnection_Returns431Problem()
    {
        var first = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        var second = RawHttp.Head("GET /healthz HTTP/1.1", "X-Big: " + new string('h', 40_000));

        var text = await RawHttp.SendForTextAsync(_server, first + second, TestTimeout.Token());

        var answers = text.Split("HTTP/1.1 ").Skip(1).ToList();
        Assert.Equal(2, answers.Count);
        Assert.StartsWith("200 OK", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("431 ", answers[1], StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answers[1], StringComparison.Ordinal);
        Assert.Contains("\"code\":\"headers_too_large\"", answers[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLine_LongerThanTheServerAccepts_Returns414Problem()
    {
        var head = RawHttp.Head($"GET /v1/sessions/{new string('u', 10_000)} HTTP/1.1");

        var response = await RawHttp.SendAsync(_server, head, null, TestTimeout.Token());

        AssertProblem(response, 414);
    }

    [Theory]
    [InlineData("GET /v1/sess\0ions HTTP/1.1")]
    [InlineData("GET /v1/sessions/%00 HTTP/1.1")]
    [InlineData("GET /healthz\0 HTTP/1.1")]
    public async Task Path_WithNul_Returns400Problem(string requestLine)
    {
        var response = await RawHttp.SendAsync(_server, RawHttp.Head(requestLine, $"Authorization: Bearer {TestHost.AcmeKey}"), null, TestTimeout.Token());

        AssertProblem(response, 400);
    }

    [Fact]
    public async Task Header_WithNul_Returns400Problem()
    {
        var response = await RawHttp.SendAsync(_server, RawHttp.Head("GET /healthz HTTP/1.1", "X-Bad: a\0b"), null, TestTimeout.Token());

        AssertProblem(response, 400);
    }

    private static void AssertProblem(RawResponse response, int status)
    {
        Assert.True(status == response.Status, $"expected {status} but got {response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType?.Split(';')[0]);
        var problem = response.Json();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        var code = problem.GetProperty("code").GetString();
        Assert.False(string.IsNullOrEmpty(code));
        Assert.Equal("urn:jido:error:" + code, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
