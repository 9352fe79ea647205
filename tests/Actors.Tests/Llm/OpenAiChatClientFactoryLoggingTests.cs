using JidoSessions.Actors.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Tests.Llm;

public sealed class OpenAiChatClientFactoryLoggingTests : FakeServerTestBase
{
    private const string Prompt = "my-private-prompt";
    private const string Completion = "my-private-completion";

    [Fact]
    public async Task GetResponseAsync_DebugLogging_NeverContainsPromptOrCompletion()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Reply(Completion);
        var logs = new ListLoggerFactory(LogLevel.Debug);
        var client = CreateClient(loggerFactory: logs);

        await client.GetResponseAsync(Prompt);
        await client.GetStreamingResponseAsync(Prompt).ToListAsync();

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Prompt, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Completion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponseAsync_TraceLogging_ContainsPromptAndCompletionAtTraceOnly()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Reply(Completion);
        var logs = new ListLoggerFactory(LogLevel.Trace);
        var client = CreateClient(loggerFactory: logs);

        await client.GetResponseAsync(Prompt);

        Assert.Contains(logs.Entries, e => e.Message.Contains(Prompt, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message.Contains(Completion, StringComparison.Ordinal));
        Assert.All(
            logs.Entries.Where(e => e.Message.Contains(Prompt, StringComparison.Ordinal) || e.Message.Contains(Completion, StringComparison.Ordinal)),
            e => Assert.Equal(LogLevel.Trace, e.Level));
    }

    [Fact]
    public async Task GetResponseAsync_RetryThenFailure_LogsWarningsWithKindAndStatus()
    {
        Server.DefaultResponse = FakeOpenAiResponse.Error(503);
        var logs = new ListLoggerFactory(LogLevel.Warning);
        var client = CreateClient(o => o with { MaxRetries = 1 }, loggerFactory: logs);

        await Assert.ThrowsAsync<LlmProviderException>(() => client.GetResponseAsync(Prompt));

        Assert.Collection(
            logs.Entries.Where(e => e.Category == typeof(OpenAiChatClientFactory).Namespace + ".ProviderResilienceChatClient"),
            e => Assert.Contains("attempt 1 failed with ServerError (HTTP 503); retrying", e.Message, StringComparison.Ordinal),
            e => Assert.Contains("failed with ServerError (HTTP 503) after 2 attempt(s)", e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Prompt, StringComparison.Ordinal));
    }
}
