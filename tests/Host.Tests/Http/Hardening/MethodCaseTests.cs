using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary>Methods are case-sensitive: a lower-case method is answered 405 like any unknown one and does nothing.</summary>
public sealed class MethodCaseTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    [Theory]
    [InlineData("get /healthz HTTP/1.1")]
    [InlineData("get /v1/sessions HTTP/1.1")]
    [InlineData("Get /v1/sessions HTTP/1.1")]
    [InlineData("post /v1/sessions HTTP/1.1")]
    [InlineData("put /v1/sessions/by-key/lower-case-method HTTP/1.1")]
    [InlineData("FOO /v1/sessions HTTP/1.1")]
    public async Task LowerCaseOrUnknownMethod_Returns405ProblemAndChangesNothing(string requestLine)
    {
        var before = (await fixture.Host.AcmeClient().ListAsync()).Total;
        var head = RawHttp.Head(requestLine, $"Authorization: Bearer {TestHost.AcmeKey}", "Content-Length: 0");

        var response = await RawHttp.SendAsync(fixture.Host.BaseAddress, head, null, TestTimeout.Token());

        Assert.True(response.Status == 405, $"{requestLine}: {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType?.Split(';')[0]);
        Assert.Equal("method_not_allowed", response.Json().GetProperty("code").GetString());
        Assert.Equal(before, (await fixture.Host.AcmeClient().ListAsync()).Total);
    }

    [Fact]
    public async Task UpperCaseMethod_IsServed()
    {
        var response = await RawHttp.SendAsync(fixture.Host.BaseAddress, RawHttp.Head("GET /healthz HTTP/1.1"), null, TestTimeout.Token());

        Assert.Equal(200, response.Status);
    }
}
