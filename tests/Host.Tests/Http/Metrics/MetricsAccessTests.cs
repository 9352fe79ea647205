using System.Net;
using System.Net.Http.Headers;
using JidoSessions.Client;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http.Auth;
using JidoSessions.Host.Http.Metrics;
using JidoSessions.Host.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace JidoSessions.Host.Tests.Http.Metrics;

/// <summary><c>/metrics</c> is the operator's: a tenant key never opens it, whatever the tenant has.</summary>
public sealed class MetricsAccessTests
{
    private const string MetricsKey = "metrics-key-0123456789abcdef";

    [Fact]
    public async Task Metrics_TenantKeyWithoutMetricsKeyConfigured_Returns403AndNoFigures()
    {
        await using var host = await TestHost.StartRealAsync();
        var acme = host.AcmeClient();
        for (var i = 0; i < 3; i++)
        {
            await acme.CreateAsync();
        }

        var response = await host.WithKey(TestHost.GlobexKey).GetAsync("metrics");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain("jido_sessions_live", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AnonymousFromLoopbackWithoutMetricsKeyConfigured_ServesFigures()
    {
        await using var host = await TestHost.StartRealAsync();
        await host.AcmeClient().CreateAsync();

        var text = await host.Anonymous().GetStringAsync("metrics");

        Assert.Contains("jido_sessions_live", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_MetricsKeyConfigured_OnlyThatKeyOpensIt()
    {
        await using var host = await TestHost.StartRealAsync(s => s["jido:auth:metrics-key"] = MetricsKey);
        await host.AcmeClient().CreateAsync();

        var anonymous = await host.Anonymous().GetAsync("metrics");
        var wrong = await host.WithKey("not-the-metrics-key-0123456").GetAsync("metrics");
        var tenant = await host.WithKey(TestHost.AcmeKey).GetAsync("metrics");
        var operatorKey = await host.WithKey(MetricsKey).GetAsync("metrics");

        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ProblemAssert.IsProblemAsync(tenant, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, operatorKey.StatusCode);
        Assert.Contains("# TYPE jido_sessions_live gauge", await operatorKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_MetricsKeyDoesNotActAsATenant()
    {
        await using var host = await TestHost.StartRealAsync(s => s["jido:auth:metrics-key"] = MetricsKey);

        var response = await host.WithKey(MetricsKey).GetAsync("v1/sessions");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public void Refusal_AnonymousFromAnotherAddressWithoutMetricsKey_IsForbidden()
    {
        var auth = new AuthOptions { Tenants = [new TenantKeys(TestHost.Acme, [TestHost.AcmeKey])] };
        var filter = new MetricsAccessFilter(auth, ApiKeyRegistry.Create(auth));
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;

        Assert.NotNull(filter.Refusal(remote));
        Assert.Null(filter.Refusal(local));
    }

    [Fact]
    public void Refusal_TenantKeyFromLoopback_IsForbidden()
    {
        var auth = new AuthOptions { Tenants = [new TenantKeys(TestHost.Acme, [TestHost.AcmeKey])] };
        var filter = new MetricsAccessFilter(auth, ApiKeyRegistry.Create(auth));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestHost.AcmeKey).ToString();

        Assert.NotNull(filter.Refusal(context));
    }
}
