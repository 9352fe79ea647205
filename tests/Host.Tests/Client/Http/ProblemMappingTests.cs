using System.Net;
using System.Text;
using JidoSessions.Client;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Tests.Client.Http;

/// <summary>Problem documents become the same typed exceptions as in-process (canned responses, no server).</summary>
public sealed class ProblemMappingTests
{
    private static readonly SessionId Id = SessionId.Parse("0190d7e2-6b1a-7c3e-9f00-123456789abc");

    [Fact]
    public async Task InvalidTransition_KeepsSessionStatusAndAttempt()
    {
        var client = Client(409, $$"""{"code":"invalid_transition","detail":"d","sessionId":"{{Id}}","from":"Terminating","attempted":"send a message"}""");

        var e = await Assert.ThrowsAsync<InvalidTransitionException>(() => client.GetInfoAsync(Id));

        Assert.Equal((Id, SessionStatus.Terminating, "send a message"), (e.SessionId, e.From, e.Attempted));
    }

    [Fact]
    public async Task SessionFailed_KeepsReason()
    {
        var client = Client(409, $$"""{"code":"session_failed","detail":"d","sessionId":"{{Id}}","reason":"agent kept crashing"}""");

        var e = await Assert.ThrowsAsync<SessionFailedException>(() => client.GetInfoAsync(Id));

        Assert.Equal(Id, e.SessionId);
        Assert.EndsWith("agent kept crashing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(409, "turn_in_progress", typeof(TurnInProgressException))]
    [InlineData(409, "turn_cancelled", typeof(TurnCancelledException))]
    [InlineData(503, "unavailable", typeof(SessionUnavailableException))]
    [InlineData(413, "payload_too_large", typeof(PayloadTooLargeException))]
    [InlineData(401, "unauthorized", typeof(SessionUnauthorizedException))]
    [InlineData(404, "session_not_found", typeof(SessionNotFoundException))]
    [InlineData(400, "validation_failed", typeof(ValidationException))]
    [InlineData(418, "teapot", typeof(UnexpectedResponseException))]
    public async Task Code_MapsToItsExceptionType(int status, string code, Type expected)
    {
        var client = Client(status, $$"""{"code":"{{code}}","detail":"d","sessionId":"{{Id}}"}""");

        var e = await Assert.ThrowsAnyAsync<SessionException>(() => client.GetInfoAsync(Id));

        Assert.IsType(expected, e);
        Assert.Equal((status, code), (e.Status, e.Code));
    }

    [Fact]
    public async Task NotProblemJson_ThrowsUnexpectedResponseWithStatus()
    {
        var client = Client(502, "<html>bad gateway</html>", "text/html");

        var e = await Assert.ThrowsAsync<UnexpectedResponseException>(() => client.ListAsync());

        Assert.Equal((502, "http_502"), (e.Status, e.Code));
        Assert.Contains("bad gateway", e.Message, StringComparison.Ordinal);
    }

    private static HttpSessionClient Client(int status, string body, string mediaType = "application/problem+json") =>
        new(new HttpClient(new CannedHandler(status, body, mediaType)) { BaseAddress = new Uri("http://127.0.0.1:1/") }, "key-0123456789abcdef", TenantId.Default);

    private sealed class CannedHandler(int status, string body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }
}
