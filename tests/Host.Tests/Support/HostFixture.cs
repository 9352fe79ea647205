
namespace JidoSessions.Host.Tests.Support;

/// <summary>One <see cref="TestHost"/> shared by a test class (tests use their own keys and sessions).</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private TestHost? _host;

    internal TestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
