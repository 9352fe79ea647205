using System.Net;
using JidoSessions.Host.Tests.Gateway;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Hardening;

/// <summary><c>jido.http.rate-limit</c>: each tenant has its own bucket; beyond it, 429 with Retry-After.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Requests_BeyondTheTenantsLimit_Return429WithRetryAfterAndOtherTenantsGoOn()
    {
        await using var host = await TestHost.StartRealAsync(Limit(3));
        var acme = host.WithKey(TestHost.AcmeKey);

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await acme.GetAsync("v1/sessions")).StatusCode);
        }

        var refused = await acme.GetAsync("v1/sessions");
        var other = await host.WithKey(TestHost.GlobexKey).GetAsync("v1/sessions");
        var probe = await host.Anonymous().GetAsync("healthz");

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.OK, s));
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_BeyondTheTenantsLimit_Return429InOpenAiShape()
    {
        await using var host = await TestHost.StartRealAsync(Limit(1));
        var acme = host.WithKey(TestHost.AcmeKey);
        await acme.GetAsync("v1/models");

        using var response = await acme.SendAsync(OpenAiWire.Post(OpenAiWire.Body("hi")));

        await OpenAiWire.IsErrorAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Requests_DefaultConfiguration_AreNotLimited()
    {
        await using var host = await TestHost.StartRealAsync();
        var acme = host.WithKey(TestHost.AcmeKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            statuses.Add((await acme.GetAsync("v1/sessions")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private static Action<Dictionary<string, string?>> Limit(int requests) => s =>
    {
        s["jido:http:rate-limit:requests"] = requests.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s["jido:http:rate-limit:period"] = "1h";
    };
}
