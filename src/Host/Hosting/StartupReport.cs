using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Http.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace JidoSessions.Host.Hosting;

/// <summary>What the host prints once started: where it listens, what it stores, and how to authenticate.</summary>
internal sealed partial class StartupReport(IServer server, ApiKeyRegistry keys, JidoOptions options, StartupInfo info)
{
    public IReadOnlyList<string> Addresses =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public void Report(ILogger logger)
    {
        LogListening(logger, string.Join(", ", Addresses), info.ConfigurationSource, options.Storage.Provider, options.Llm.Provider);
        if (keys.DevKey is { } devKey)
        {
            LogDevKey(logger, keys.DevKeyTenant.Value);
            info.Output.WriteLine($"Development API key for tenant '{keys.DevKeyTenant}': {devKey}");
            info.Output.WriteLine("  (generated at start because no API key is configured; set JIDO_API_KEY or jido.auth.tenants[].api-keys to use your own)");
        }
    }
}
