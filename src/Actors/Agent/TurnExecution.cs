using System.Text;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Support;
using JidoSessions.Client;
using Akka.Actor;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Agent;

/// <summary>
/// One turn, run as a task outside the agent's mailbox: build the context, call the model (streaming deltas
/// when asked), append the exchange, and describe the end as a <see cref="TurnOutcome"/>. It touches no agent
/// state; everything it needs is captured here. Provider and context failures become <see cref="TurnFailed"/>;
/// an exception escaping <see cref="RunAsync"/> is a bug.
/// </summary>
internal sealed partial class TurnExecution(
    long turnId,
    SessionId sessionId,
    RunTurn request,
    IActorRef context,
    IChatClient chat,
    TimeSpan contextTimeout,
    TurnControl control,
    IActorRef agent,
    ILogger log)
{
    /// <summary>The mark appended to what an interrupted assistant had said.</summary>
    public const string InterruptedMark = "[interrupted]";

    /// <summary>Which turn this is.</summary>
    public long TurnId => turnId;

    /// <summary>Runs the turn to its end; never throws for provider, context or cancellation outcomes.</summary>
    public async Task<TurnOutcome> RunAsync()
    {
        var config = request.Config;
        var token = control.Token;
        BuiltContext built;
        try
        {
            built = await context.AskFor<BuiltContext>(new BuildContext(request.Text, config.SystemPrompt, config.TokenBudget, request.Options?.PriorMessages), contextTimeout, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return await EndCancelledAsync("").ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not InvalidCastException)
        {
            return ContextFailure(exception, "building the context failed");
        }

        LogPrompt(log, sessionId, turnId, config.Model, built.Messages.Count, built.EstimatedTokens, request.Text);
        var said = new StringBuilder();
        UsageDetails? reported;
        try
        {
            reported = await CallModelAsync(built.Messages, ChatOptionsFor(config.Model, request.Options), said, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return await EndCancelledAsync(said.ToString()).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return new TurnFailed(turnId, new TurnFailedException(sessionId, ProviderFailure.KindOf(exception), exception.Message, exception));
        }

        var reply = said.ToString();
        LogCompletion(log, sessionId, turnId, reply);
        if (!control.TryBeginCommit())
        {
            return await EndCancelledAsync(reply).ConfigureAwait(false);
        }

        // From here the exchange is recorded even if the caller has gone: no cancellation token.
        try
        {
            var appended = await context.AskFor<TurnAppended>(new AppendTurn(request.Text, reply, config.MaxHistory), contextTimeout).ConfigureAwait(false);
            var usage = UsageOf(reported, built, reply);
            return new TurnSucceeded(turnId, new MessageReply(sessionId, reply, appended.Assistant.Sequence, config.Model, appended.Assistant.At, usage), appended.MessageCount);
        }
        catch (Exception exception) when (exception is not InvalidCastException)
        {
            return ContextFailure(exception, "recording the reply failed (it may or may not be in history)");
        }
    }

    /// <summary>The session's model and this turn's sampling settings, as Microsoft.Extensions.AI passes them on.</summary>
    internal static ChatOptions ChatOptionsFor(string model, TurnOptions? options) => new()
    {
        ModelId = model,
        Temperature = options?.Temperature,
        TopP = options?.TopP,
        MaxOutputTokens = options?.MaxOutputTokens,
        StopSequences = options?.Stop is { } stop ? [.. stop] : null,
        Seed = options?.Seed,
        PresencePenalty = options?.PresencePenalty,
        FrequencyPenalty = options?.FrequencyPenalty,
        ResponseFormat = options?.ResponseFormat switch
        {
            { Kind: ResponseFormatKind.JsonObject } => ChatResponseFormat.Json,
            { Kind: ResponseFormatKind.JsonSchema, Schema: { } schema } format =>
                ChatResponseFormat.ForJsonSchema(System.Text.Json.JsonDocument.Parse(schema).RootElement.Clone(), format.SchemaName),
            { Kind: ResponseFormatKind.Text } => ChatResponseFormat.Text,
            _ => null,
        },
    };

    /// <summary>
    /// The provider's counts where it sent them (each on its own: a provider may report one and not the other), else the
    /// context's token count (the whole prompt the model read, counted with o200k_base when it was built) and the reply's.
    /// </summary>
    internal static TurnUsage UsageOf(UsageDetails? reported, BuiltContext built, string reply)
    {
        var prompt = ToInt(reported?.InputTokenCount);
        var completion = ToInt(reported?.OutputTokenCount);
        return new TurnUsage(
            prompt ?? built.EstimatedTokens,
            completion ?? Context.TokenEstimator.Default.CountText(reply),
            Reported: prompt is not null && completion is not null);
    }

    private static int? ToInt(long? count) => count is { } value and >= 0 ? (int)Math.Min(value, int.MaxValue) : null;

    /// <summary>Calls the model; returns the usage it reported, if any.</summary>
    private async Task<UsageDetails?> CallModelAsync(IReadOnlyList<ChatMessage> messages, ChatOptions options, StringBuilder said, CancellationToken token)
    {
        if (request.StreamTo is not { } streamTo)
        {
            var response = await chat.GetResponseAsync(messages, options, token).ConfigureAwait(false);
            said.Append(response.Text);
            return response.Usage;
        }

        UsageDetails? usage = null;
        await foreach (var update in chat.GetStreamingResponseAsync(messages, options, token).ConfigureAwait(false))
        {
            var text = update.Text;
            if (text.Length > 0)
            {
                said.Append(text);
                streamTo.Tell(new TurnDelta(text), agent);
            }

            foreach (var content in update.Contents)
            {
                if (content is UsageContent { Details: var details })
                {
                    usage = details;
                }
            }
        }

        return usage;
    }

    /// <summary>Nothing is appended for a cancelled turn; an interrupted one keeps what was said, marked.</summary>
    private async Task<TurnOutcome> EndCancelledAsync(string saidSoFar)
    {
        if (!control.IsInterrupted)
        {
            return new TurnCancelled(turnId, MessageCount: null);
        }

        var assistant = saidSoFar.Length == 0 ? InterruptedMark : saidSoFar + " " + InterruptedMark;
        try
        {
            var appended = await context.AskFor<TurnAppended>(new AppendTurn(request.Text, assistant, request.Config.MaxHistory), contextTimeout).ConfigureAwait(false);
            return new TurnCancelled(turnId, appended.MessageCount);
        }
        catch (Exception exception) when (exception is not InvalidCastException)
        {
            LogInterruptedNotRecorded(log, exception, sessionId, turnId);
            return new TurnCancelled(turnId, MessageCount: null);
        }
    }

    private TurnFailed ContextFailure(Exception exception, string what) => new(
        turnId,
        new TurnFailedException(
            sessionId,
            exception is AskTimeoutException ? ProviderFailure.ContextTimeout : ProviderFailure.ContextFailed,
            $"{what}: {exception.Message}",
            exception));
}
