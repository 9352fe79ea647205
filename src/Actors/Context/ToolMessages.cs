using System.Text.Json;
using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Context;

/// <summary>History entries as Microsoft.Extensions.AI chat messages, tool calls and results included, and what they cost.</summary>
internal static class ToolMessages
{
    /// <summary>The chat message of <paramref name="entry"/>: tool calls as <see cref="FunctionCallContent"/>, results as <see cref="FunctionResultContent"/>.</summary>
    public static ChatMessage ToChatMessage(HistoryEntry entry) => entry.Role switch
    {
        MessageRole.Tool => Results(entry.ToolResults ?? []),
        MessageRole.Assistant when entry.ToolCalls is { Count: > 0 } calls => new ChatMessage(
            ChatRole.Assistant,
            [.. entry.Text.Length > 0 ? [new TextContent(entry.Text)] : Array.Empty<AIContent>(), .. calls.Select(Call)]),
        MessageRole.Assistant => new ChatMessage(ChatRole.Assistant, entry.Text),
        _ => new ChatMessage(ChatRole.User, entry.Text),
    };

    /// <summary>One Tool message with a result per call.</summary>
    public static ChatMessage Results(IReadOnlyList<ToolResult> results) =>
        new(ChatRole.Tool, [.. results.Select(r => (AIContent)new FunctionResultContent(r.ToolCallId, r.Content))]);

    /// <summary>The text a token count covers: the message, each call's name and arguments, each result.</summary>
    public static string CountedText(HistoryEntry entry) =>
        entry.ToolCalls is null && entry.ToolResults is null
            ? entry.Text
            : string.Join('\n', new[] { entry.Text }
                .Concat((entry.ToolCalls ?? []).Select(c => c.Name + " " + c.Arguments))
                .Concat((entry.ToolResults ?? []).Select(r => r.Content)));

    /// <summary>The calls in the model's answer, arguments as JSON object text.</summary>
    public static IReadOnlyList<ToolCall> CallsIn(IEnumerable<AIContent> contents) =>
        [.. contents.OfType<FunctionCallContent>().Select(c => new ToolCall(c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>())))];

    private static FunctionCallContent Call(ToolCall call) => new(call.Id, call.Name, Arguments(call.Arguments));

    private static Dictionary<string, object?> Arguments(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal)
                : [];
        }
        catch (JsonException)
        {
            // The model wrote arguments that are not JSON; they are kept as written in history, sent back empty.
            return [];
        }
    }
}
