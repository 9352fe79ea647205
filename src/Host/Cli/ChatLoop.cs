using JidoSessions.Client;

namespace JidoSessions.Host.Cli;

/// <summary>
/// An interactive conversation in one session: each input line is a message, the reply is printed as it
/// streams. <c>/history</c> prints the history, <c>/quit</c> (or end of input) leaves; the session stays.
/// </summary>
internal static class ChatLoop
{
    public static async Task<int> RunAsync(ISessionClient client, SessionKey key, CliContext console, CancellationToken cancellationToken)
    {
        var session = await client.GetOrCreateAsync(key, null, cancellationToken);
        var id = session.Session.Id;
        console.Output.WriteLine(session.Created
            ? $"New session {id} for key '{key}'. Type a message; /history shows the conversation, /quit leaves."
            : $"Resumed session {id} for key '{key}' ({session.Session.MessageCount} messages). /history shows them, /quit leaves.");
        while (true)
        {
            console.Output.Write("> ");
            await console.Output.FlushAsync(cancellationToken);
            var line = await console.Input.ReadLineAsync(cancellationToken);
            if (line is null or "/quit" or "/exit")
            {
                console.Output.WriteLine();
                return ExitCodes.Ok;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (line == "/history")
                {
                    foreach (var entry in await client.GetHistoryAsync(id, cancellationToken))
                    {
                        console.Output.WriteLine($"[{entry.Sequence}] {entry.Role.ToString().ToLowerInvariant()}: {entry.Text}");
                    }

                    continue;
                }

                await foreach (var update in client.SendStreamingAsync(id, line, cancellationToken))
                {
                    console.Output.Write(update.Delta);
                }

                console.Output.WriteLine();
            }
            catch (SessionException e)
            {
                console.Error.WriteLine($"error ({e.Code}): {e.Message}");
                if (e is SessionNotFoundException or SessionFailedException)
                {
                    return ExitCodes.RequestFailed;
                }
            }
        }
    }
}
