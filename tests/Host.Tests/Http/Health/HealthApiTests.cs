using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Http.Health;

public sealed class HealthApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Probes_StartedHost_AreOkAndReady()
    {
        var http = fixture.Host.Anonymous();

        var health = await http.GetStringAsync("healthz");
        var ready = await http.GetStringAsync("readyz");

        Assert.Equal("{\"status\":\"ok\"}", health);
        Assert.Equal("{\"status\":\"ready\"}", ready);
    }
}
