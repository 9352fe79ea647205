using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class OpenAiChatClientLoggingTests : FakeServerTestBase
{
    private const string Prompt = "my-private-prompt";
    private const string Completion = "my-private-completion";

    [Fact]
    public async Task GetResponseAsync_DebugLogging_NeverContainsPromptOrCompletion()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Reply(Completion);
        var logger = new ListLogger(LogLevel.Debug);
        var client = CreateClient(logger: logger);

        await client.GetResponseAsync(Prompt);
        await client.GetStreamingResponseAsync(Prompt).ToListAsync();

        Assert.NotEmpty(logger.Entries);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(Prompt, StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(Completion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponseAsync_TraceLogging_ContainsPromptAndCompletionAtTraceOnly()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Reply(Completion);
        var logger = new ListLogger(LogLevel.Trace);
        var client = CreateClient(logger: logger);

        await client.GetResponseAsync(Prompt);

        var userData = logger.Entries
            .Where(e => e.Message.Contains(Prompt, StringComparison.Ordinal) || e.Message.Contains(Completion, StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, userData.Count);
        Assert.All(userData, e => Assert.Equal(LogLevel.Trace, e.Level));
    }

    [Fact]
    public async Task GetResponseAsync_RetryThenFailure_LogsWarningsWithKindAndStatus()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(503);
        var logger = new ListLogger(LogLevel.Warning);
        var client = CreateClient(o => o with { MaxRetries = 1 }, logger: logger);

        await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync(Prompt));

        Assert.Collection(
            logger.Entries,
            e => Assert.Contains("attempt 1 failed with ServerError (HTTP 503); retrying", e.Message, StringComparison.Ordinal),
            e => Assert.Contains("failed with ServerError (HTTP 503) after 2 attempt(s)", e.Message, StringComparison.Ordinal));
    }
}
