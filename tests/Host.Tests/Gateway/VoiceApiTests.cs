using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Gateway;

/// <summary>The voice-gateway profile on the real session system with the local model.</summary>
public sealed class VoiceApiTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly TestHost _host = fixture.Host;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task Query_TwoConcurrentCalls_EachAnsweredFromItsOwnHistory()
    {
        var (alice, bob) = ("call-" + Guid.NewGuid(), "call-" + Guid.NewGuid());
        await Task.WhenAll(QueryAsync(alice, "My name is Alice."), QueryAsync(bob, "My name is Bob."));

        var answers = await Task.WhenAll(QueryAsync(alice, "What is my name?"), QueryAsync(bob, "What is my name?"));

        Assert.Equal(["Your name is Alice.", "Your name is Bob."], answers);
        var session = await SessionAsync(alice);
        Assert.Equal("acct-1", session.Config.Metadata!["accountId"]);
        Assert.Equal("peer-" + alice, session.Config.Metadata["peerId"]);
        Assert.Equal(4, session.MessageCount);
    }

    [Fact]
    public async Task EndSession_OneCall_EndsOnlyThatCall()
    {
        var (ended, live) = ("call-" + Guid.NewGuid(), "call-" + Guid.NewGuid());
        await Task.WhenAll(QueryAsync(ended, "My name is Eve."), QueryAsync(live, "My name is Lin."));
        var endedId = (await SessionAsync(ended)).Id;

        using var response = await _http.PostAsJsonAsync("voice/end-session", new { callId = ended });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"v1/sessions/{endedId}")).StatusCode);
        Assert.Equal("Your name is Lin.", await QueryAsync(live, "What is my name?"));
        Assert.Equal("I do not know your name yet.", await QueryAsync(ended, "What is my name?"));
    }

    [Fact]
    public async Task EndSession_UnknownCallId_Returns404Problem()
    {
        using var response = await _http.PostAsJsonAsync("voice/end-session", new { callId = "call-never-" + Guid.NewGuid() });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
    }

    [Fact]
    public async Task EndSession_AnotherTenantsCall_Returns404AndLeavesItRunning()
    {
        var call = "call-" + Guid.NewGuid();
        await QueryAsync(call, "My name is Acme.");

        using var response = await _host.WithKey(TestHost.GlobexKey).PostAsJsonAsync("voice/end-session", new { callId = call });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
        Assert.Equal("Your name is Acme.", await QueryAsync(call, "What is my name?"));
    }

    [Fact]
    public async Task Query_MissingOrBlankFields_Returns400NamingEach()
    {
        using var response = await _http.PostAsJsonAsync("voice/query", new { prompt = "hello", callId = "  " });

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "callId");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["accountId", "callId", "peerId"], errors);
    }

    [Fact]
    public async Task Query_EmptyBody_Returns400()
    {
        using var response = await _http.PostAsync("voice/query", new StringContent("", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationProblemAsync(response, "body");
    }

    [Fact]
    public async Task EndSession_MissingCallId_Returns400NamingIt()
    {
        using var response = await _http.PostAsJsonAsync("voice/end-session", new { });

        await ProblemAssert.IsValidationProblemAsync(response, "callId");
    }

    [Theory]
    [InlineData("voice/query")]
    [InlineData("voice/end-session")]
    public async Task Voice_Unauthenticated_Returns401Problem(string path)
    {
        using var response = await _host.Anonymous().PostAsJsonAsync(path, new { prompt = "hi", callId = "c", accountId = "a", peerId = "p" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    private async Task<string> QueryAsync(string callId, string prompt)
    {
        using var response = await _http.PostAsJsonAsync("voice/query", new { prompt, callId, accountId = "acct-1", peerId = "peer-" + callId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"voice query for {callId}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("response").GetString()!;
    }

    private async Task<SessionInfo> SessionAsync(string callId)
    {
        using var response = await _http.PutAsync("v1/sessions/by-key/" + Uri.EscapeDataString(callId), null);
        var result = (await response.Content.ReadFromJsonAsync<GetOrCreateResult>(Json))!;
        Assert.False(result.Created, $"the call {callId} already has a session");
        return result.Session;
    }
}
