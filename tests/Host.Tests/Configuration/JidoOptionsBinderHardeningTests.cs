using JidoSessions.Host.Configuration;
using JidoSessions.Host.Configuration.Options;
using Microsoft.Extensions.Configuration;

namespace JidoSessions.Host.Tests.Configuration;

/// <summary>The hardening keys: metrics key, subscription and subscriber limits, the per-tenant rate limit.</summary>
public sealed class JidoOptionsBinderHardeningTests
{
    [Fact]
    public void Bind_ShippedDefaults_RateLimitOffAndBoundedSubscribers()
    {
        var configuration = new ConfigurationBuilder()
            .AddJidoSources(new JidoConfigurationInput { ContentRoot = AppContext.BaseDirectory, Environment = new Dictionary<string, string>() })
            .Build();

        var options = JidoOptionsBinder.Bind(configuration);

        Assert.Equal(0, options.Http.RateLimitRequests);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Http.RateLimitPeriod);
        Assert.Equal(100, options.Http.MaxSubscriptions);
        Assert.Equal(1024 * 1024, options.Http.SubscriberBuffer);
        Assert.Equal(4 * 1024 * 1024, options.Http.EventReplayBytes);
        Assert.Null(options.Auth.MetricsKey);
    }

    [Fact]
    public void Bind_HardeningKeys_AreRead()
    {
        var options = JidoOptionsBinder.Bind(InMemory(new()
        {
            ["jido:http:rate-limit:requests"] = "50",
            ["jido:http:rate-limit:period"] = "10s",
            ["jido:http:max-subscriptions"] = "7",
            ["jido:http:subscriber-buffer"] = "64KiB",
            ["jido:http:event-replay-bytes"] = "1MiB",
            ["jido:auth:metrics-key"] = "metrics-key-0123456789",
        }));

        Assert.Equal(50, options.Http.RateLimitRequests);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Http.RateLimitPeriod);
        Assert.Equal(7, options.Http.MaxSubscriptions);
        Assert.Equal(64 * 1024, options.Http.SubscriberBuffer);
        Assert.Equal(1024 * 1024, options.Http.EventReplayBytes);
        Assert.Equal("metrics-key-0123456789", options.Auth.MetricsKey);
    }

    [Fact]
    public void Bind_BadHardeningKeys_NamesEveryOneWithoutShowingTheMetricsKey()
    {
        var configuration = InMemory(new()
        {
            ["jido:http:rate-limit:requests"] = "-1",
            ["jido:http:rate-limit:period"] = "0s",
            ["jido:http:max-subscriptions"] = "0",
            ["jido:http:subscriber-buffer"] = "1KiB",
            ["jido:auth:metrics-key"] = "short-secret",
        });

        var error = Assert.Throws<JidoConfigurationException>(() => JidoOptionsBinder.Bind(configuration));

        Assert.Equal(5, error.Errors.Count);
        foreach (var key in new[] { "jido:http:rate-limit:requests", "jido:http:rate-limit:period", "jido:http:max-subscriptions", "jido:http:subscriber-buffer", "jido:auth:metrics-key" })
        {
            Assert.Contains(error.Errors, e => e.StartsWith(key + " ", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(error.Errors, e => e.Contains("short-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_MetricsKeyThatIsATenantsKey_IsRefused()
    {
        var configuration = InMemory(new()
        {
            ["jido:auth:tenants:0:id"] = "t1",
            ["jido:auth:tenants:0:api-keys:0"] = "tenant-key-0123456789",
            ["jido:auth:metrics-key"] = "tenant-key-0123456789",
        });

        var error = Assert.Throws<JidoConfigurationException>(() => JidoOptionsBinder.Bind(configuration));

        Assert.StartsWith("jido:auth:metrics-key", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    private static IConfigurationRoot InMemory(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
