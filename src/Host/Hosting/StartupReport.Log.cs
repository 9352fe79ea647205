using JidoSessions.Host.Configuration.Options;

namespace JidoSessions.Host.Hosting;

internal sealed partial class StartupReport
{
    [LoggerMessage(Level = LogLevel.Information, Message = "JidoSessions listening on {Addresses} (configuration: {Source}; storage: {Storage}; model: {Llm})")]
    private static partial void LogListening(ILogger logger, string addresses, string source, StorageProvider storage, LlmProvider llm);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key is configured (jido.auth.tenants[].api-keys, JIDO_API_KEY); generated a development key for tenant '{Tenant}', printed on standard output and valid until the host stops")]
    private static partial void LogDevKey(ILogger logger, string tenant);
}
