using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Client;

/// <summary>The contract suite against the in-process client.</summary>
public sealed class InProcessSessionClientTests : SessionClientContractTests
{
    private SessionSystem? _system;

    protected override async Task StartBackendAsync() => _system = await TestSessionSystems.StartAsync();

    protected override async Task StopBackendAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }

    protected override ISessionClient ClientFor(TenantId tenant) => _system!.ForTenant(tenant);
}
