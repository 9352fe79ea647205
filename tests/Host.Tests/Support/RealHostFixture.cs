namespace JidoSessions.Host.Tests.Support;

/// <summary>One <see cref="TestHost"/> on the real session system (in memory), shared by a test class.</summary>
public sealed class RealHostFixture : IAsyncLifetime
{
    private TestHost? _host;

    internal TestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await TestHost.StartRealAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
