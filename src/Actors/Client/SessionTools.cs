using System.Text.Json;
using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Client;

/// <summary>
/// Microsoft.Extensions.AI functions as session tools, in process: <see cref="ToToolDefinition"/> declares an
/// <see cref="AIFunctionDeclaration"/> to a turn, and <see cref="SendWithToolsAsync"/> runs a turn and then every
/// function the model calls (with its arguments), sending the results back until the model answers in text. The
/// session itself never runs a tool: the functions run here, in the caller's process, and every call and result is in
/// the session's history.
/// </summary>
public static class SessionTools
{
    /// <summary>The declaration of <paramref name="function"/>: name, description and JSON schema.</summary>
    public static ToolDefinition ToToolDefinition(this AIFunctionDeclaration function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new ToolDefinition(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description, function.JsonSchema.GetRawText());
    }

    /// <summary>
    /// Sends <paramref name="message"/> with <paramref name="functions"/> as the turn's tools; while the model asks for
    /// calls, runs them and sends their results (a function that throws answers with its error message, as the model
    /// should hear it), at most <paramref name="maxRounds"/> times. Returns the model's final reply.
    /// </summary>
    public static async Task<MessageReply> SendWithToolsAsync(
        this ISessionClient client,
        SessionId id,
        string message,
        IReadOnlyList<AIFunction> functions,
        TurnOptions? options = null,
        int maxRounds = 8,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRounds, 1);
        var byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var turn = (options ?? TurnOptions.None) with { Tools = [.. functions.Select(f => f.ToToolDefinition())] };
        var reply = await client.SendAsync(id, message, turn, cancellationToken).ConfigureAwait(false);
        for (var round = 0; reply.ToolCalls is { Count: > 0 } calls; round++)
        {
            if (round == maxRounds)
            {
                throw new InvalidOperationException($"The model still asked for tools after {maxRounds} rounds in session {id}.");
            }

            var results = new List<ToolResult>(calls.Count);
            foreach (var call in calls)
            {
                results.Add(new ToolResult(call.Id, await InvokeAsync(byName, call, cancellationToken).ConfigureAwait(false)));
            }

            reply = await client.SendToolResultsAsync(id, results, turn, cancellationToken).ConfigureAwait(false);
        }

        return reply;
    }

    private static async Task<string> InvokeAsync(Dictionary<string, AIFunction> functions, ToolCall call, CancellationToken cancellationToken)
    {
        if (!functions.TryGetValue(call.Name, out var function))
        {
            return $"Error: there is no tool named '{call.Name}'.";
        }

        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(call.Arguments) ? "{}" : call.Arguments);
            var arguments = new AIFunctionArguments(
                document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal));
            var result = await function.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
            return result switch
            {
                null => "",
                string text => text,
                JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(),
                var other => JsonSerializer.Serialize(other),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return $"Error: {exception.Message}";
        }
    }
}
