using System.CommandLine;
using JidoSessions.Host.Configuration;
using JidoSessions.Host.Configuration.Hocon;
using JidoSessions.Host.Hosting;

namespace JidoSessions.Host.Cli;

/// <summary>
/// <c>serve [--config FILE] [--jido:path=value …]</c>: runs the HTTP host until Ctrl+C. Switches of the form
/// <c>--jido:sessions:ttl=1h</c> override configuration keys.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("serve", "Run the HTTP host (the default command).");
        AttachTo(command, context);
        return command;
    }

    /// <summary>Gives <paramref name="command"/> the serve options and action (the root command runs serve too).</summary>
    public static void AttachTo(Command command, CliContext context)
    {
        var config = CommonOptions.Config();
        command.Add(config);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) =>
        {
            var switches = parse.UnmatchedTokens;
            if (switches.FirstOrDefault(s => !IsConfigSwitch(s)) is { } bad)
            {
                context.Error.WriteLine($"Unrecognized argument '{bad}'. Configuration switches look like --jido:sessions:ttl=1h; see --help.");
                return Task.FromResult(ExitCodes.BadConfiguration);
            }

            var input = new JidoConfigurationInput { ConfigFile = parse.GetValue(config), Switches = switches, Environment = context.Environment };
            return RunAsync(new JidoHostSettings { Configuration = input, ConfigureServices = context.ConfigureServices, Output = context.Output }, context, cancellationToken);
        });
    }

    /// <summary>Builds and runs the host; a configuration error is printed and ends with exit code 2.</summary>
    public static async Task<int> RunAsync(JidoHostSettings settings, CliContext context, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = JidoWebHost.Build(settings);
        }
        catch (Exception e) when (e is JidoConfigurationException or HoconParseException or FileNotFoundException)
        {
            context.Error.WriteLine(e.Message);
            return ExitCodes.BadConfiguration;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage unreachable, port taken, no backend…: say what, without a stack trace.
                context.Error.WriteLine("The host could not start: " + e.Message);
                return ExitCodes.StartFailed;
            }

            await app.WaitForShutdownAsync(CancellationToken.None);
        }

        return ExitCodes.Ok;
    }

    private static bool IsConfigSwitch(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) && token.Contains('=', StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal);
}
