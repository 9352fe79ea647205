using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Sessions;

public sealed class SessionsApiTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private static readonly JsonSerializerOptions Json = HttpWire.CreateJsonOptions();
    private readonly HttpClient _http = fixture.Host.WithKey(TestHost.AcmeKey);

    [Fact]
    public async Task Create_WithConfig_Returns201WithLocationAndInfo()
    {
        var body = new { config = new { model = "m1", maxHistory = 10 } };

        var response = await _http.PostAsJsonAsync("v1/sessions", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<SessionInfo>(Json);
        Assert.NotNull(info);
        Assert.Equal($"/v1/sessions/{info.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(SessionStatus.Active, info.Status);
        Assert.Equal(TestHost.Acme, info.Tenant);
        Assert.Equal("m1", info.Config.Model);
        Assert.Equal(10, info.Config.MaxHistory);
    }

    [Fact]
    public async Task Create_WithoutBody_CreatesWithDefaults()
    {
        var response = await _http.PostAsync("v1/sessions", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<SessionInfo>(Json);
        Assert.Null(info!.Key);
    }

    [Fact]
    public async Task GetOrCreate_FirstThenAgain_Returns201CreatedThen200Adopted()
    {
        var key = "agent:main:user:" + Guid.NewGuid();

        var first = await _http.PutAsync("v1/sessions/by-key/" + Uri.EscapeDataString(key), null);
        var second = await _http.PutAsync("v1/sessions/by-key/" + Uri.EscapeDataString(key), null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<GetOrCreateResult>(Json);
        var adopted = await second.Content.ReadFromJsonAsync<GetOrCreateResult>(Json);
        Assert.True(created!.Created);
        Assert.False(adopted!.Created);
        Assert.Equal(created.Session.Id, adopted.Session.Id);
        Assert.Equal(key, created.Session.Key?.Value);
    }

    [Fact]
    public async Task GetOrCreate_KeyWithSlashAndSpaces_RoundTripsExactly()
    {
        var key = "repo/a b/" + Guid.NewGuid() + "?x=1#y";

        var response = await _http.PutAsync("v1/sessions/by-key/" + Uri.EscapeDataString(key), null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<GetOrCreateResult>(Json);
        Assert.Equal(key, result!.Session.Key?.Value);
    }

    [Fact]
    public async Task Get_Existing_ReturnsInfo()
    {
        var created = await CreateAsync();

        var info = await _http.GetFromJsonAsync<SessionInfo>($"v1/sessions/{created.Id}", Json);

        Assert.Equal(created.Id, info!.Id);
    }

    [Fact]
    public async Task List_WithStatusOffsetLimit_PagesNewestFirst()
    {
        await using var host = await TestHost.StartRealAsync();
        var http = host.WithKey(TestHost.AcmeKey);
        var ids = new List<SessionId>();
        for (var i = 0; i < 3; i++)
        {
            var response = await http.PostAsync("v1/sessions", null);
            ids.Add((await response.Content.ReadFromJsonAsync<SessionInfo>(Json))!.Id);
        }

        var page = await http.GetFromJsonAsync<SessionPage>("v1/sessions?status=active&offset=1&limit=1", Json);
        var none = await http.GetFromJsonAsync<SessionPage>("v1/sessions?status=Failed", Json);

        Assert.Equal(3, page!.Total);
        Assert.Equal(ids[1], Assert.Single(page.Items).Id);
        Assert.Equal((1, 1), (page.Offset, page.Limit));
        Assert.Equal(0, none!.Total);
    }

    [Fact]
    public async Task Delete_Existing_Returns204AndTheSessionIsGone()
    {
        var created = await CreateAsync();

        var deleted = await _http.DeleteAsync($"v1/sessions/{created.Id}");
        var after = await _http.GetAsync($"v1/sessions/{created.Id}");
        var again = await _http.DeleteAsync($"v1/sessions/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
    }

    [Fact]
    public async Task SetConfig_Patch_MergesAndReturnsInfo()
    {
        var created = await CreateAsync(new { config = new { model = "m1", metadata = new Dictionary<string, string> { ["a"] = "1" } } });

        var response = await _http.PutAsJsonAsync($"v1/sessions/{created.Id}/config", new { systemPrompt = "be brief", doubleTexting = "Reject", metadata = new Dictionary<string, string> { ["b"] = "2" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<SessionInfo>(Json);
        Assert.Equal("m1", info!.Config.Model);
        Assert.Equal("be brief", info.Config.SystemPrompt);
        Assert.Equal(DoubleTextingPolicy.Reject, info.Config.DoubleTexting);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, info.Config.Metadata);
    }

    private async Task<SessionInfo> CreateAsync(object? body = null)
    {
        var response = body is null ? await _http.PostAsync("v1/sessions", null) : await _http.PostAsJsonAsync("v1/sessions", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionInfo>(Json))!;
    }
}
