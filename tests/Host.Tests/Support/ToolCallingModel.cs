using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace JidoSessions.Host.Tests.Support;

/// <summary>
/// A scripted model (the provider is outside our control) that calls tools: offered tools and ending with the user's
/// message, it calls the first tool with <c>{"city": the message}</c>; ending with tool results, it answers
/// "The tool said: …" with them. It records what it was sent.
/// </summary>
internal sealed class ToolCallingModel : IChatClient
{
    private int _calls;

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Received { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(Answer([.. messages], options)));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var answer = Answer([.. messages], options);
        if (answer.Text.Length > 0)
        {
            // Two pieces, so a streamed answer really streams.
            var half = answer.Text.Length / 2;
            yield return new ChatResponseUpdate(ChatRole.Assistant, answer.Text[..half]);
            yield return new ChatResponseUpdate(ChatRole.Assistant, answer.Text[half..]);
        }

        var calls = answer.Contents.OfType<FunctionCallContent>().ToArray();
        if (calls.Length > 0)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [.. calls]);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private ChatMessage Answer(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        lock (Received)
        {
            Received.Add((messages, options));
        }

        var last = messages[^1];
        if (last.Role == ChatRole.Tool)
        {
            var results = last.Contents.OfType<FunctionResultContent>().Select(r => r.Result?.ToString());
            return new ChatMessage(ChatRole.Assistant, "The tool said: " + string.Join("; ", results));
        }

        if (options?.Tools is { Count: > 0 } tools && options.ToolMode is not NoneChatToolMode)
        {
            var id = "call_" + Interlocked.Increment(ref _calls);
            var arguments = new Dictionary<string, object?> { ["city"] = JsonSerializer.SerializeToElement(last.Text) };
            return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(id, tools[0].Name, arguments)]);
        }

        return new ChatMessage(ChatRole.Assistant, "No tools: " + last.Text);
    }
}
