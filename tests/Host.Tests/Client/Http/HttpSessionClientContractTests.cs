using JidoSessions.Actors.Tests.Client;
using JidoSessions.Client;
using JidoSessions.Host.Tests.Support;

namespace JidoSessions.Host.Tests.Client.Http;

/// <summary>
/// The shared client contract, for <see cref="JidoSessions.Client.Http.HttpSessionClient"/> over a real host on a loopback
/// port running the real session system (in memory).
/// </summary>
public sealed class HttpSessionClientContractTests : SessionClientContractTests
{
    private TestHost? _host;

    protected override async Task StartBackendAsync() => _host = await TestHost.StartRealAsync();

    protected override async Task StopBackendAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected override ISessionClient ClientFor(TenantId tenant) =>
        tenant == TestHost.Acme ? _host!.AcmeClient()
        : tenant == TestHost.Globex ? _host!.GlobexClient()
        : throw new ArgumentException($"The test host has no key for tenant {tenant}.", nameof(tenant));
}
