using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Llm;

/// <summary>
/// The embedded default model: a scripted, deterministic and offline stand-in for development and tests, not a real
/// LLM. It answers only from the messages it is given — history (quoting earlier messages, recalling a stated name
/// or a note, counting messages, echoing), the session's files (system messages "File: path\n…": quoted or
/// summarised when asked about) and the configured system prompt — so which session's context reached it is visible
/// in every answer. Asked who or what it is, it says exactly that.
/// </summary>
/// <remarks>
/// The same messages always give the same text. Streaming yields that text as word tokens (each with its trailing
/// whitespace) whose concatenation equals the non-streaming reply; usage counts words. Model id: <c>jido-local-1</c>.
/// <see cref="ChatOptions.MaxOutputTokens"/> cuts the reply to that many words with finish reason "length".
/// </remarks>
public sealed class LocalChatClient : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("jido-local", defaultModelId: LocalReplyComposer.ModelId);

    private readonly LocalChatClientOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the client.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="timeProvider">Clock for <see cref="LocalChatClientOptions.TokenDelay"/>; system clock when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public LocalChatClient(LocalChatClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new LocalChatClientOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var reply = Reply.For(messages, options);
        cancellationToken.ThrowIfCancellationRequested();
        await DelayAsync(reply.Tokens.Count, cancellationToken).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(reply.Tokens)))
        {
            ModelId = LocalReplyComposer.ModelId,
            CreatedAt = _timeProvider.GetUtcNow(),
            FinishReason = reply.FinishReason,
            Usage = reply.Usage,
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reply = Reply.For(messages, options);

        // A reply cut to zero words still sends one empty update, so the finish reason and usage always arrive.
        var count = Math.Max(reply.Tokens.Count, 1);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await DelayAsync(reply.Tokens.Count == 0 ? 0 : 1, cancellationToken).ConfigureAwait(false);
            var last = i == count - 1;
            var update = new ChatResponseUpdate(ChatRole.Assistant, reply.Tokens.Count == 0 ? string.Empty : reply.Tokens[i])
            {
                ModelId = LocalReplyComposer.ModelId,
                CreatedAt = _timeProvider.GetUtcNow(),
                FinishReason = last ? reply.FinishReason : null,
            };
            if (last)
            {
                update.Contents.Add(new UsageContent(reply.Usage));
            }

            yield return update;
        }
    }

    /// <summary>
    /// Returns <see cref="ChatClientMetadata"/> (provider "jido-local", model "jido-local-1") or this instance when
    /// asked for a type it implements; otherwise <see langword="null"/>.
    /// </summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Does nothing: the client holds no resources.</summary>
    public void Dispose()
    {
    }

    private Task DelayAsync(int tokens, CancellationToken cancellationToken) =>
        _options.TokenDelay <= TimeSpan.Zero || tokens == 0
            ? Task.CompletedTask
            : Task.Delay(_options.TokenDelay * tokens, _timeProvider, cancellationToken);

    private sealed record Reply(IReadOnlyList<string> Tokens, ChatFinishReason FinishReason, UsageDetails Usage)
    {
        public static Reply For(IEnumerable<ChatMessage> messages, ChatOptions? options)
        {
            ArgumentNullException.ThrowIfNull(messages);
            var list = messages.ToList();
            var tokens = LocalText.Tokens(LocalReplyComposer.Compose(LocalConversation.From(list)));
            var finishReason = ChatFinishReason.Stop;
            if (options?.MaxOutputTokens is { } max && max >= 0 && tokens.Count > max)
            {
                tokens = [.. tokens.Take(max)];
                finishReason = ChatFinishReason.Length;
            }

            long input = list.Sum(m => LocalText.CountWords(m.Text));
            var usage = new UsageDetails
            {
                InputTokenCount = input,
                OutputTokenCount = tokens.Count,
                TotalTokenCount = input + tokens.Count,
            };
            return new Reply(tokens, finishReason, usage);
        }
    }
}
