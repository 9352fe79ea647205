using System.Text.RegularExpressions;

namespace JidoSessions.Client;

/// <summary>
/// A function the model may call in a turn: the caller runs it and sends the result back
/// (<see cref="ISessionClient.SendToolResultsAsync"/>). <see cref="ParametersSchema"/> is its JSON Schema (an object),
/// as OpenAI's <c>function.parameters</c>.
/// </summary>
public sealed record ToolDefinition(string Name, string? Description = null, string? ParametersSchema = null);

/// <summary>A call the model asked for: <see cref="Arguments"/> is the JSON object text it wrote.</summary>
public sealed record ToolCall(string Id, string Name, string Arguments);

/// <summary>The caller's answer to the tool call <see cref="ToolCallId"/>.</summary>
public sealed record ToolResult(string ToolCallId, string Content);

/// <summary>Whether and which tool the model must call.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ToolChoiceKind>))]
public enum ToolChoiceKind
{
    /// <summary>The model decides.</summary>
    Auto,

    /// <summary>No tool call.</summary>
    None,

    /// <summary>At least one tool call.</summary>
    Required,

    /// <summary>A call of <see cref="ToolChoice.Name"/>.</summary>
    Function,
}

/// <summary>The tool choice of a turn; <see cref="Name"/> only with <see cref="ToolChoiceKind.Function"/>.</summary>
public sealed record ToolChoice(ToolChoiceKind Kind, string? Name = null);

/// <summary>Checks of tools, calls and results (names as OpenAI allows them: 1-64 of letters, digits, '_' and '-').</summary>
public static partial class ToolRules
{
    /// <summary>Adds each problem of <paramref name="tools"/> and <paramref name="choice"/> to <paramref name="errors"/>.</summary>
    public static void Check(IReadOnlyList<ToolDefinition>? tools, ToolChoice? choice, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (tools is not null)
        {
            if (tools.Count > 128)
            {
                errors["tools"] = "must be at most 128 tools";
            }

            for (var i = 0; i < tools.Count; i++)
            {
                var tool = tools[i];
                if (tool?.Name is not { } name || !NamePattern().IsMatch(name))
                {
                    errors[$"tools[{i}].name"] = "must be 1-64 letters, digits, '_' or '-'";
                }
                else if (tools.Take(i).Any(t => t?.Name == name))
                {
                    errors[$"tools[{i}].name"] = $"'{name}' is given twice";
                }

                if (tool?.ParametersSchema is { } schema && !TurnOptions.IsJsonObject(schema))
                {
                    errors[$"tools[{i}].parameters"] = "must be a JSON object (a JSON Schema)";
                }
            }
        }

        switch (choice)
        {
            case null:
                break;
            case { Kind: ToolChoiceKind.Function, Name: var name } when tools is null || !tools.Any(t => t?.Name == name):
                errors["toolChoice"] = $"names a function that is not among the tools: '{name}'";
                break;
            case { Kind: ToolChoiceKind.Required } when tools is not { Count: > 0 }:
                errors["toolChoice"] = "'required' needs tools";
                break;
            case { Kind: not ToolChoiceKind.Function, Name: not null }:
                errors["toolChoice"] = "takes a name only for 'function'";
                break;
            case { Kind: var kind } when !Enum.IsDefined(kind):
                errors["toolChoice"] = "must be auto, none, required or a function";
                break;
        }
    }

    /// <summary>The problem of <paramref name="results"/> (none, an empty id, an id twice), or null.</summary>
    public static string? Problem(IReadOnlyList<ToolResult>? results)
    {
        if (results is not { Count: > 0 })
        {
            return "must hold at least one tool result";
        }

        if (results.Any(r => r is null || string.IsNullOrEmpty(r.ToolCallId) || r.ToolCallId.Length > 256 || r.Content is null))
        {
            return "each needs a toolCallId (1-256 characters) and a content";
        }

        return results.Select(r => r.ToolCallId).Distinct(StringComparer.Ordinal).Count() == results.Count
            ? null
            : "answers one tool call twice";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
