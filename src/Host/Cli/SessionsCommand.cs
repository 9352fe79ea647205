using System.CommandLine;
using System.Text.Json;
using JidoSessions.Client;
using JidoSessions.Client.Http;

namespace JidoSessions.Host.Cli;

/// <summary><c>sessions list|show ID|end ID [--url U --api-key A]</c>: manage sessions on a running server.</summary>
internal static class SessionsCommand
{
    private static readonly JsonSerializerOptions Indented = new(HttpWire.CreateJsonOptions()) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var command = new Command("sessions", "List, show or end sessions on a running server.");
        var status = new Option<SessionStatus?>("--status") { Description = "Only sessions in this status." };
        var offset = new Option<int>("--offset") { Description = "Skip this many (newest first).", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "At most this many (1-1000).", DefaultValueFactory = _ => 50 };
        var list = Remote("list", "List sessions, newest first.", context, [status, offset, limit], async (client, parse, token) =>
        {
            var page = await client.ListAsync(new ListSessionsQuery(parse.GetValue(status), parse.GetValue(offset), parse.GetValue(limit)), token);
            context.Output.WriteLine($"{"ID",-36}  {"STATUS",-12}  {"MSGS",5}  {"LAST ACTIVE",-20}  KEY");
            foreach (var s in page.Items)
            {
                context.Output.WriteLine($"{s.Id,-36}  {s.Status,-12}  {s.MessageCount,5}  {s.LastActiveAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss}  {s.Key}");
            }

            context.Output.WriteLine($"{page.Items.Count} of {page.Total} (offset {page.Offset}).");
        });

        var showId = new Argument<string>("ID") { Description = "The session id." };
        var show = Remote("show", "Show a session: info, history and files.", context, [showId], async (client, parse, token) =>
        {
            var id = SessionId.Parse(parse.GetValue(showId), "ID");
            var info = await client.GetInfoAsync(id, token);
            var history = await client.GetHistoryAsync(id, token);
            var files = await client.ListFilesAsync(id, token);
            context.Output.WriteLine(JsonSerializer.Serialize(new { session = info, history, files }, Indented));
        });

        var endId = new Argument<string>("ID") { Description = "The session id." };
        var end = Remote("end", "End a session (its key, config, history and files go).", context, [endId], async (client, parse, token) =>
        {
            var id = SessionId.Parse(parse.GetValue(endId), "ID");
            await client.TerminateAsync(id, token);
            context.Output.WriteLine($"Ended session {id}.");
        });

        command.Add(list);
        command.Add(show);
        command.Add(end);
        return command;
    }

    private static Command Remote(
        string name, string description, CliContext context, Symbol[] symbols, Func<ISessionClient, ParseResult, CancellationToken, Task> run)
    {
        var url = CommonOptions.Url();
        var apiKey = CommonOptions.ApiKey();
        var tenant = CommonOptions.Tenant();
        var command = new Command(name, description) { url, apiKey, tenant };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Add(option);
                    break;
                case Argument argument:
                    command.Add(argument);
                    break;
                default:
                    throw new ArgumentException($"Unsupported symbol {symbol.Name}.", nameof(symbols));
            }
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var remote = RemoteClient.Create(context, parse.GetValue(url), parse.GetValue(apiKey), parse.GetValue(tenant)!);
            if (remote is null)
            {
                return ExitCodes.BadConfiguration;
            }

            try
            {
                await run(remote.Client, parse, cancellationToken);
                return ExitCodes.Ok;
            }
            catch (SessionException e)
            {
                context.Error.WriteLine($"error ({e.Code}): {e.Message}");
                return ExitCodes.RequestFailed;
            }
        });
        return command;
    }
}
