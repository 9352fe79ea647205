using System.Text.Json;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Llm;

// Translates between Microsoft.Extensions.AI types and the chat-completions wire format. Text only: tool
// definitions, images and other non-text contents are not sent.
internal static class OpenAiWireMapper
{
    public static byte[] SerializeRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream)
    {
        var request = new OpenAiWireRequest
        {
            Model = model,
            Messages = [.. messages.Select(m => new OpenAiWireMessage { Role = m.Role.Value, Content = m.Text })],
            Stream = stream,
            // Asks for the usage-only chunk before [DONE]; servers that do not know the field ignore it.
            StreamOptions = stream ? new OpenAiWireStreamOptions { IncludeUsage = true } : null,
            Temperature = options?.Temperature,
            MaxTokens = options?.MaxOutputTokens,
            TopP = options?.TopP,
            FrequencyPenalty = options?.FrequencyPenalty,
            PresencePenalty = options?.PresencePenalty,
            Seed = options?.Seed,
            Stop = options?.StopSequences is { Count: > 0 } stop ? [.. stop] : null,
        };
        return JsonSerializer.SerializeToUtf8Bytes(request, OpenAiJsonContext.Default.OpenAiWireRequest);
    }

    public static ChatResponse ToChatResponse(OpenAiWireResponse? wire, string requestedModel)
    {
        if (wire?.Error is { } error)
        {
            throw LlmFailures.FromStreamError(error);
        }

        var choice = wire?.Choices?.FirstOrDefault();
        if (wire is null || choice?.Message is null)
        {
            throw LlmFailures.Malformed("the body has no choices[0].message.");
        }

        var message = new ChatMessage(ChatRole.Assistant, choice.Message.Content ?? string.Empty) { MessageId = wire.Id };
        return new ChatResponse(message)
        {
            ResponseId = wire.Id,
            ModelId = wire.Model ?? requestedModel,
            CreatedAt = FromUnixSeconds(wire.Created),
            FinishReason = ToFinishReason(choice.FinishReason),
            Usage = ToUsage(wire.Usage),
        };
    }

    // Returns null for chunks that carry nothing a caller can use (the opening role-only chunk, empty deltas).
    public static ChatResponseUpdate? ToUpdate(OpenAiWireResponse chunk, string requestedModel)
    {
        if (chunk.Error is { } error)
        {
            throw LlmFailures.FromStreamError(error);
        }

        var choice = chunk.Choices?.FirstOrDefault();
        var text = choice?.Delta?.Content;
        var finishReason = ToFinishReason(choice?.FinishReason);
        var usage = ToUsage(chunk.Usage);
        if (string.IsNullOrEmpty(text) && finishReason is null && usage is null)
        {
            return null;
        }

        var update = new ChatResponseUpdate(ChatRole.Assistant, text ?? string.Empty)
        {
            ResponseId = chunk.Id,
            MessageId = chunk.Id,
            ModelId = chunk.Model ?? requestedModel,
            CreatedAt = FromUnixSeconds(chunk.Created),
            FinishReason = finishReason,
        };
        if (usage is not null)
        {
            update.Contents.Add(new UsageContent(usage));
        }

        return update;
    }

    public static ChatFinishReason? ToFinishReason(string? value) => value switch
    {
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(value),
    };

    private static UsageDetails? ToUsage(OpenAiWireUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens ?? usage.PromptTokens + usage.CompletionTokens,
    };

    private static DateTimeOffset? FromUnixSeconds(long? seconds) =>
        seconds is { } value and > 0 ? DateTimeOffset.FromUnixTimeSeconds(value) : null;
}
