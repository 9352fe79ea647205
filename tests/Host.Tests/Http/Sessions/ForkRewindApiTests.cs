using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Sessions;

/// <summary>
/// The HTTP shape of forks and rewinds on the real session system (their behaviour through HttpSessionClient is in the
/// client contract suite): status codes, Location, problem documents naming the field, the audit view's JSON.
/// </summary>
public sealed class ForkRewindApiTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly TestHost _host = fixture.Host;
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    private async Task<SessionId> SessionWithTwoTurnsAsync()
    {
        var client = _host.AcmeClient();
        var id = (await client.CreateAsync()).Id;
        await client.SendAsync(id, "one");
        await client.SendAsync(id, "two");
        return id;
    }

    [Fact]
    public async Task Fork_Is201_WithTheNewSessionsLocationAndInfo()
    {
        var id = await SessionWithTwoTurnsAsync();

        var response = await _http.PostAsJsonAsync($"v1/sessions/{id}/fork", new { atSequence = 2, key = "forked-over-http" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var fork = (await response.Content.ReadFromJsonAsync<SessionInfo>(Json))!;
        Assert.Equal($"/v1/sessions/{fork.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((2, "forked-over-http"), (fork.MessageCount, fork.Key?.Value));
        var history = await _http.GetFromJsonAsync<List<HistoryEntry>>($"v1/sessions/{fork.Id}/history", Json);
        Assert.Equal("one", history![0].Text);
        Assert.Equal([1L, 2], history!.Select(h => h.Sequence));
    }

    [Theory]
    [InlineData("{\"atSequence\":99}", "atSequence")]
    [InlineData("{\"atSequence\":0}", "atSequence")]
    [InlineData("{}", "atSequence")]
    [InlineData("{\"atSequence\":\"2\"}", "atSequence")]
    [InlineData("{\"atSequence\":2,\"key\":\"a\\u200bb\"}", "key")]
    [InlineData("{\"atSequence\":2,\"key\":\"\"}", "key")]
    [InlineData("{\"atSequence\":2,\"colour\":\"red\"}", "colour")]
    public async Task Fork_BadBody_Is400NamingTheField_AndCreatesNothing(string body, string field)
    {
        var id = await SessionWithTwoTurnsAsync();
        var before = (await _host.AcmeClient().ListAsync(new ListSessionsQuery(Limit: 1000))).Total;

        var response = await _http.PostAsync($"v1/sessions/{id}/fork", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(before, (await _host.AcmeClient().ListAsync(new ListSessionsQuery(Limit: 1000))).Total);
    }

    [Theory]
    [InlineData("{\"toSequence\":3}", "toSequence")]
    [InlineData("{}", "toSequence")]
    [InlineData("{\"toSequence\":null}", "toSequence")]
    public async Task Rewind_BadBody_Is400NamingTheField_AndChangesNothing(string body, string field)
    {
        var id = await SessionWithTwoTurnsAsync();
        await _host.AcmeClient().RewindAsync(id, 2);

        var response = await _http.PostAsync($"v1/sessions/{id}/rewind", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(2, (await _host.AcmeClient().GetInfoAsync(id)).MessageCount);
    }

    [Fact]
    public async Task ForkAndRewind_OfAnotherTenantsSession_Are404()
    {
        var globex = _host.GlobexClient();
        var theirs = (await globex.CreateAsync()).Id;
        await globex.SendAsync(theirs, "private");

        var fork = await _http.PostAsJsonAsync($"v1/sessions/{theirs}/fork", new { atSequence = 1 });
        var rewind = await _http.PostAsJsonAsync($"v1/sessions/{theirs}/rewind", new { toSequence = 1 });
        var audit = await _http.GetAsync($"v1/sessions/{theirs}/history?view=audit");

        await ProblemAssert.IsProblemAsync(fork, HttpStatusCode.NotFound, "session_not_found");
        await ProblemAssert.IsProblemAsync(rewind, HttpStatusCode.NotFound, "session_not_found");
        await ProblemAssert.IsProblemAsync(audit, HttpStatusCode.NotFound, "session_not_found");
        Assert.Equal(2, (await globex.GetHistoryAsync(theirs)).Count);
    }

    [Fact]
    public async Task Rewind_Is200_AndTheAuditViewShowsItInTheDocumentedShape()
    {
        var id = await SessionWithTwoTurnsAsync();

        var response = await _http.PostAsJsonAsync($"v1/sessions/{id}/rewind", new { toSequence = 2 });
        var audit = JsonDocument.Parse(await _http.GetStringAsync($"v1/sessions/{id}/history?view=audit")).RootElement;
        var plain = JsonDocument.Parse(await _http.GetStringAsync($"v1/sessions/{id}/history")).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<SessionInfo>(Json))!.MessageCount);
        Assert.Equal(
            ["message 1 False User", "message 2 False Assistant", "message 3 True User", "message 4 True Assistant", "rewind 2 False "],
            audit.EnumerateArray().Select(e => $"{e.GetProperty("kind").GetString()} {e.GetProperty("sequence").GetInt64()} {e.GetProperty("rewound").GetBoolean()} {(e.GetProperty("role").ValueKind == JsonValueKind.Null ? "" : e.GetProperty("role").GetString())}"));
        Assert.All(audit.EnumerateArray(), e => Assert.True(e.TryGetProperty("at", out _) && e.TryGetProperty("text", out _)));
        Assert.Equal([1L, 2], plain.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.False(plain[0].TryGetProperty("kind", out _));
    }
}
