using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace JidoSessions.Actors.Llm;

// vLLM and llama.cpp report a failure that happens after the headers were sent as a stream event with an "error"
// member. The SDK parses such a chunk as an empty update and keeps the unknown member in its JSON patch.
internal static class StreamErrorEvent
{
    public static LlmProviderException? In(ChatResponseUpdate update)
    {
        if (update.RawRepresentation is not StreamingChatCompletionUpdate raw)
        {
            return null;
        }

        // JsonPatch is marked experimental (SCME0001); reading one member of it is all this needs.
#pragma warning disable SCME0001
        if (!raw.Patch.TryGetJson("$.error"u8, out var json))
        {
            return null;
        }
#pragma warning restore SCME0001

        try
        {
            using var document = JsonDocument.Parse(json);
            return LlmFailures.FromStreamError(document.RootElement);
        }
        catch (JsonException exception)
        {
            return LlmFailures.Malformed("a stream event's error member is not valid JSON.", exception);
        }
    }
}
