using System.CommandLine;
using JidoSessions.Client;
using JidoSessions.Host.Configuration;
using JidoSessions.Host.Configuration.Hocon;
using JidoSessions.Host.Configuration.Options;
using JidoSessions.Host.Hosting;

namespace JidoSessions.Host.Cli;

/// <summary>
/// <c>chat --key K [--url U --api-key A]</c>: talk to the session of key K in the terminal. With <c>--url</c> (or
/// <c>$JIDO_URL</c>) over HTTP; otherwise the session system runs in this process on the configuration
/// (<c>--config</c>), with the same storage as <c>serve</c> (so a later <c>serve</c> sees the conversation).
/// </summary>
internal static class ChatCommand
{
    public static Command Create(CliContext context)
    {
        var key = new Option<string>("--key") { Description = "The session key (created on first use, resumed after).", Required = true };
        var url = CommonOptions.Url();
        var apiKey = CommonOptions.ApiKey();
        var tenant = CommonOptions.Tenant();
        var config = CommonOptions.Config();
        var command = new Command("chat", "Talk to a session in the terminal.") { key, url, apiKey, tenant, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!SessionKey.TryParse(parse.GetValue(key), out var sessionKey, out var problem))
            {
                context.Error.WriteLine($"--key {problem}.");
                return ExitCodes.BadConfiguration;
            }

            try
            {
                if (parse.GetValue(url) is not null || context.Variable("JIDO_URL") is not null)
                {
                    using var remote = RemoteClient.Create(context, parse.GetValue(url), parse.GetValue(apiKey), parse.GetValue(tenant)!);
                    return remote is null ? ExitCodes.BadConfiguration : await ChatLoop.RunAsync(remote.Client, sessionKey, context, cancellationToken);
                }

                return await RunLocalAsync(context, parse.GetValue(config), sessionKey, cancellationToken);
            }
            catch (SessionException e)
            {
                context.Error.WriteLine($"error ({e.Code}): {e.Message}");
                return ExitCodes.RequestFailed;
            }
        });
        return command;
    }

    private static async Task<int> RunLocalAsync(CliContext context, string? configFile, SessionKey key, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            var input = new JidoConfigurationInput { ConfigFile = configFile, Environment = context.Environment };
            host = JidoWebHost.BuildLocal(new JidoHostSettings { Configuration = input, ConfigureServices = context.ConfigureServices, Output = context.Output });
        }
        catch (Exception e) when (e is JidoConfigurationException or HoconParseException or FileNotFoundException)
        {
            context.Error.WriteLine(e.Message);
            return ExitCodes.BadConfiguration;
        }

        using (host)
        {
            await host.StartAsync(cancellationToken);
            try
            {
                var tenant = host.Services.GetRequiredService<AuthOptions>().Tenants[0].Id;
                var client = host.Services.GetRequiredService<ISessionClientFactory>().ForTenant(tenant);
                return await ChatLoop.RunAsync(client, key, context, cancellationToken);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }
}
