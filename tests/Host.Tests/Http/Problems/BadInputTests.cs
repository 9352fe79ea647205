using System.Net;
using System.Net.Http.Json;
using System.Text;
using JidoSessions.Client;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Problems;

/// <summary>
/// Every class of bad input is refused with a problem document, and nothing changes: state is read back from the
/// real session system.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private HttpClient _http = null!;
    private SessionId _id;
    private string _reply = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartRealAsync(s =>
        {
            s["jido:http:max-request-body"] = "4KiB";
            s["jido:http:max-message-chars"] = "100";
        });
        _http = _host.WithKey(TestHost.AcmeKey);
        var client = _host.AcmeClient();
        _id = (await client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { Model = "m0" } })).Id;
        _reply = (await client.SendAsync(_id, "hello")).Text;
        await client.AddFileAsync(_id, new SessionFile("docs/a.txt", "A"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("{\"message\": ", "message")]
    [InlineData("not json", "body")]
    [InlineData("{\"message\": 5}", "message")]
    [InlineData("{\"message\": null}", "message")]
    [InlineData("{}", "message")]
    [InlineData("{\"message\": \"hi\", \"extra\": 1}", "extra")]
    [InlineData("[\"hi\"]", "body")]
    [InlineData("{\"message\": \"\"}", "message")]
    [InlineData("{\"message\": \"   \"}", "message")]
    public async Task SendMessage_BadBody_Returns400NamingTheFieldAndChangesNothing(string json, string field)
    {
        var response = await _http.PostAsync($"v1/sessions/{_id}/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationProblemAsync(response, field);
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("{\"text\": \"hi\"}", "text", "expected one of 'message', 'options'")]
    [InlineData("{\"message\": 5}", "message", "has the wrong type")]
    public async Task SendMessage_WrongField_NamesTheExpectedFieldAndNoDotNetType(string json, string field, string expected)
    {
        var response = await _http.PostAsync($"v1/sessions/{_id}/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsValidationProblemAsync(response, field);
        var text = problem.GetRawText();
        var error = problem.GetProperty("errors").GetProperty(field).GetString()!;
        Assert.True(error.Contains(expected, StringComparison.Ordinal), $"'{error}' should say {expected}");
        Assert.DoesNotContain("JidoSessions.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("{\"config\": {\"maxHistory\": \"ten\"}}", "config.maxHistory")]
    [InlineData("{\"config\": {\"maxHistory\": 0}}", "maxHistory")]
    [InlineData("{\"config\": {\"doubleTexting\": \"Sometimes\"}}", "config.doubleTexting")]
    [InlineData("{\"config\": {\"colour\": \"red\"}}", "config.colour")]
    [InlineData("{\"config\": 7}", "config")]
    public async Task Create_BadBody_Returns400AndCreatesNothing(string json, string field)
    {
        var before = await SessionCountAsync();

        var response = await _http.PostAsync("v1/sessions", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(before, await SessionCountAsync());
    }

    [Theory]
    [InlineData("{\"maxHistory\": -1}", "maxHistory")]
    [InlineData("{\"tokenBudget\": 1}", "tokenBudget")]
    [InlineData("{\"model\": 3}", "model")]
    [InlineData("{\"unknown\": true}", "unknown")]
    [InlineData("", "body")]
    public async Task SetConfig_BadBody_Returns400AndChangesNothing(string json, string field)
    {
        var response = await _http.PutAsync($"v1/sessions/{_id}/config", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationProblemAsync(response, field);
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("GET", "v1/sessions/not-a-uuid")]
    [InlineData("DELETE", "v1/sessions/123")]
    [InlineData("GET", "v1/sessions/00000000-0000-0000-0000-000000000000/history")]
    [InlineData("POST", "v1/sessions/xyz/turn/cancel")]
    [InlineData("GET", "v1/sessions/xyz/files")]
    [InlineData("GET", "v1/sessions/xyz/events")]
    public async Task Route_InvalidId_Returns400Not404(string method, string path)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.IsValidationProblemAsync(response, "id");
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("%20leading")]
    [InlineData("trailing%20")]
    [InlineData("bad%0Acontrol")]
    public async Task GetOrCreate_InvalidKey_Returns400AndCreatesNothing(string encodedKey)
    {
        var before = await SessionCountAsync();

        var response = await _http.PutAsync("v1/sessions/by-key/" + encodedKey, null);

        await ProblemAssert.IsValidationProblemAsync(response, "key");
        Assert.Equal(before, await SessionCountAsync());
    }

    [Fact]
    public async Task GetOrCreate_KeyLongerThanMax_Returns400()
    {
        var response = await _http.PutAsync("v1/sessions/by-key/" + new string('k', SessionKey.MaxLength + 1), null);

        await ProblemAssert.IsValidationProblemAsync(response, "key");
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share")]
    [InlineData("a/../../b")]
    [InlineData("..")]
    [InlineData("a\\..\\b")]
    [InlineData("C:/x")]
    [InlineData("a\u0000b")]
    [InlineData("tab\there")]
    [InlineData("")]
    public async Task AddFile_BadPath_Returns400AndAddsNothing(string path)
    {
        var response = await _http.PostAsJsonAsync($"v1/sessions/{_id}/files", new { path, content = "x" });

        await ProblemAssert.IsValidationProblemAsync(response, "path");
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task AddFile_PathOver1024Chars_Returns400()
    {
        var response = await _http.PostAsJsonAsync($"v1/sessions/{_id}/files", new { path = new string('p', 1025), content = "x" });

        await ProblemAssert.IsValidationProblemAsync(response, "path");
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("?path=")]
    [InlineData("?path=..%2Fdocs%2Fa.txt")]
    [InlineData("?path=%2Fdocs%2Fa.txt")]
    public async Task RemoveFile_BadPath_Returns400AndRemovesNothing(string query)
    {
        var response = await _http.DeleteAsync($"v1/sessions/{_id}/files{query}");

        await ProblemAssert.IsValidationProblemAsync(response, "path");
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task AnyBody_LargerThanMaxRequestBody_Returns413AndChangesNothing()
    {
        var big = new string('x', 5000);

        var message = await _http.PostAsJsonAsync($"v1/sessions/{_id}/messages", new { message = big });
        var file = await _http.PostAsJsonAsync($"v1/sessions/{_id}/files", new { path = "big.txt", content = big });
        var chunked = await _http.PostAsync($"v1/sessions/{_id}/files", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"path\":\"big.txt\",\"content\":\"{big}\"}}"))));

        await ProblemAssert.IsProblemAsync(message, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
        await ProblemAssert.IsProblemAsync(file, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
        await ProblemAssert.IsProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task SendMessage_LongerThanMaxMessageChars_Returns400()
    {
        var response = await _http.PostAsJsonAsync($"v1/sessions/{_id}/messages", new { message = new string('m', 101) });

        await ProblemAssert.IsValidationProblemAsync(response, "message");
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("status=Sleeping", "status")]
    [InlineData("status=1", "status")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=abc", "offset")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=1.5", "limit")]
    public async Task List_BadQuery_Returns400NamingTheParameter(string query, string field)
    {
        var response = await _http.GetAsync("v1/sessions?" + query);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task SendMessage_BadStreamFlag_Returns400AndChangesNothing()
    {
        var response = await _http.PostAsJsonAsync($"v1/sessions/{_id}/messages?stream=maybe", new { message = "hi" });

        await ProblemAssert.IsValidationProblemAsync(response, "stream");
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task Events_BadLastEventId_Returns400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/events");
        request.Headers.Add("Last-Event-ID", "yesterday");

        var response = await _http.SendAsync(request);

        await ProblemAssert.IsValidationProblemAsync(response, "Last-Event-ID");
    }

    [Theory]
    [InlineData("GET", "v1/nothing-here", HttpStatusCode.NotFound, "not_found")]
    [InlineData("PATCH", "v1/sessions", HttpStatusCode.MethodNotAllowed, "method_not_allowed")]
    public async Task UnknownRouteOrMethod_ReturnsProblem(string method, string path, HttpStatusCode status, string code)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.IsProblemAsync(response, status, code);
    }

    [Fact]
    public async Task UnknownSession_Returns404()
    {
        var response = await _http.PostAsJsonAsync($"v1/sessions/{SessionId.New()}/messages", new { message = "hi" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
    }

    private async Task<int> SessionCountAsync() => (await _host.AcmeClient().ListAsync()).Total;

    private async Task AssertUnchangedAsync()
    {
        var client = _host.AcmeClient();
        var info = await client.GetInfoAsync(_id);
        Assert.Equal(SessionStatus.Active, info.Status);
        Assert.Equal("m0", info.Config.Model);
        Assert.Null(info.Config.MaxHistory);
        Assert.Equal(["hello", _reply], (await client.GetHistoryAsync(_id)).Select(h => h.Text));
        Assert.Equal(["docs/a.txt"], (await client.ListFilesAsync(_id)).Select(f => f.Path));
    }
}
