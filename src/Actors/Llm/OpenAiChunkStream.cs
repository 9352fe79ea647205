using System.Text.Json;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Llm;

// Reads the chat.completion.chunk events of one streaming attempt and turns them into updates, one at a time, so
// the caller can decide between updates whether a failure may still be retried.
internal sealed class OpenAiChunkStream : IDisposable
{
    private const string DoneMarker = "[DONE]";

    private readonly HttpResponseMessage _response;
    private readonly ServerSentEventReader _events;
    private readonly AttemptScope _scope;
    private readonly string _requestedModel;
    private ChatResponseUpdate? _final;
    private bool _ended;

    private OpenAiChunkStream(HttpResponseMessage response, Stream body, AttemptScope scope, string requestedModel)
    {
        _response = response;
        _events = new ServerSentEventReader(body);
        _scope = scope;
        _requestedModel = requestedModel;
    }

    public ChatFinishReason? FinishReason => _final?.FinishReason;

    public long? OutputTokens => _final?.Contents.OfType<UsageContent>().FirstOrDefault()?.Details.OutputTokenCount;

    public static async Task<OpenAiChunkStream> OpenAsync(
        OpenAiTransport transport, byte[] body, AttemptScope scope, string requestedModel)
    {
        var response = await transport.SendAsync(body, stream: true, scope.Token).ConfigureAwait(false);
        try
        {
            var content = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            return new OpenAiChunkStream(response, content, scope, requestedModel);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    // Returns the next update, or null once the stream finished properly ([DONE], or its end after a finish reason).
    // The update carrying the finish reason is held back until the stream ends, and whatever follows it (the
    // usage-only chunk) is folded into it, so the caller's last update has both finish reason and usage.
    public async Task<ChatResponseUpdate?> ReadNextAsync()
    {
        while (!_ended)
        {
            _scope.RestartTimeout();
            var data = await _events.ReadEventDataAsync(_scope.Token).ConfigureAwait(false);
            _scope.PauseTimeout();
            if (data is null || data.Trim() == DoneMarker)
            {
                // Some servers close right after the finish reason without [DONE]; that answer is complete.
                _ended = true;
                return data is null && _final is null ? throw LlmFailures.Truncated() : _final;
            }

            var update = OpenAiWireMapper.ToUpdate(ParseChunk(data), _requestedModel);
            if (update is null)
            {
                continue;
            }

            if (_final is not null)
            {
                foreach (var content in update.Contents)
                {
                    _final.Contents.Add(content);
                }
            }
            else if (update.FinishReason is not null)
            {
                _final = update;
            }
            else
            {
                return update;
            }
        }

        return null;
    }

    public void Dispose()
    {
        _events.Dispose();
        _response.Dispose();
    }

    private static OpenAiWireResponse ParseChunk(string data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, OpenAiJsonContext.Default.OpenAiWireResponse)
                ?? throw LlmFailures.Malformed("a stream event holds null instead of a chunk.");
        }
        catch (JsonException exception)
        {
            throw LlmFailures.Malformed("a stream event is not valid JSON.", exception);
        }
    }
}
