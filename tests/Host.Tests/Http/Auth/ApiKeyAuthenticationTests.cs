using System.Net;
using System.Net.Http.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Auth;

public sealed class ApiKeyAuthenticationTests(RealHostFixture fixture) : IClassFixture<RealHostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Theory]
    [InlineData("GET", "v1/sessions")]
    [InlineData("POST", "v1/sessions")]
    [InlineData("GET", "v1/events")]
    public async Task Request_WithoutKey_Returns401ProblemWithBearerChallenge(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await _host.Anonymous().SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer wrong-key-0123456789abcdef")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWNtZTprZXk=")]
    [InlineData("acme-key-0123456789abcdef")]
    public async Task Request_WithWrongKey_Returns401AndCreatesNothing(string authorization)
    {
        var before = (await _host.AcmeClient().ListAsync()).Total;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/sessions");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await _host.Anonymous().SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, (await _host.AcmeClient().ListAsync()).Total);
    }

    [Fact]
    public async Task Request_WithRightKey_ActsAsItsTenant()
    {
        var response = await _host.WithKey(TestHost.GlobexKey).PostAsync("v1/sessions", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<SessionInfo>(HttpWire.CreateJsonOptions());
        Assert.Equal(TestHost.Globex, info!.Tenant);
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("readyz")]
    public async Task HealthProbe_WithoutKey_IsAnswered(string path)
    {
        var response = await _host.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OtherTenantsSession_EveryEndpoint_Returns404LikeAnUnknownId()
    {
        var acme = _host.AcmeClient();
        var session = await acme.CreateAsync();
        await acme.SendAsync(session.Id, "secret of acme");
        var globex = _host.WithKey(TestHost.GlobexKey);
        var id = session.Id;

        var responses = new[]
        {
            await globex.GetAsync($"v1/sessions/{id}"),
            await globex.GetAsync($"v1/sessions/{id}/history"),
            await globex.GetAsync($"v1/sessions/{id}/files"),
            await globex.GetAsync($"v1/sessions/{id}/events"),
            await globex.PostAsJsonAsync($"v1/sessions/{id}/messages", new { message = "hi" }),
            await globex.PostAsync($"v1/sessions/{id}/turn/cancel", null),
            await globex.PutAsJsonAsync($"v1/sessions/{id}/config", new { model = "x" }),
            await globex.PostAsJsonAsync($"v1/sessions/{id}/files", new { path = "a.txt", content = "x" }),
            await globex.DeleteAsync($"v1/sessions/{id}/files?path=a.txt"),
            await globex.DeleteAsync($"v1/sessions/{id}"),
            await globex.GetAsync($"v1/sessions/{SessionId.New()}"),
        };

        foreach (var response in responses)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
        }

        var after = await acme.GetInfoAsync(id);
        Assert.Equal(2, after.MessageCount);
        Assert.Null(after.Config.Model);
        Assert.Empty(await acme.ListFilesAsync(id));
        Assert.DoesNotContain((await _host.GlobexClient().ListAsync()).Items, s => s.Id == id);
    }

    [Fact]
    public async Task SameKey_TwoTenants_GetDifferentSessions()
    {
        var key = SessionKey.Parse("shared-" + Guid.NewGuid());

        var acme = await _host.AcmeClient().GetOrCreateAsync(key);
        var globex = await _host.GlobexClient().GetOrCreateAsync(key);

        Assert.True(acme.Created);
        Assert.True(globex.Created);
        Assert.NotEqual(acme.Session.Id, globex.Session.Id);
    }

    [Fact]
    public async Task NoKeyConfigured_DevKeyOn_GeneratesAndPrintsAWorkingKey()
    {
        await using var host = await TestHost.StartRealAsync(s =>
        {
            s.Remove("jido:auth:tenants:0:api-keys:0");
            s.Remove("jido:auth:tenants:1:id");
            s.Remove("jido:auth:tenants:1:api-keys:0");
        });

        var key = host.DevKey;

        Assert.NotNull(key);
        Assert.Contains(key, host.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("generated at start", host.Output.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await host.WithKey(key).PostAsync("v1/sessions", null)).StatusCode);
    }

    [Fact]
    public void KeysConfigured_DevKey_IsNotGenerated()
    {
        Assert.Null(_host.DevKey);
        Assert.DoesNotContain("Development API key", _host.Output.ToString(), StringComparison.Ordinal);
    }
}
