using JidoSessions.Actors.Agent;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;
using JidoSessions.TestKit;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Agent;

/// <summary>A turn's token usage: the provider's own counts win; without them the context and the reply are counted with o200k_base.</summary>
public sealed class TurnUsageTests
{
    private static readonly BuiltContext Built = new([new ChatMessage(ChatRole.User, "hi")], EstimatedTokens: 42);

    [Fact]
    public void UsageOf_ProviderReportedBoth_TheyWin()
    {
        var usage = TurnExecution.UsageOf(new UsageDetails { InputTokenCount = 120, OutputTokenCount = 9 }, Built, "The quick brown fox jumps over the lazy dog.");

        Assert.Equal(new TurnUsage(120, 9, Reported: true), usage);
        Assert.Equal(129, usage.TotalTokens);
    }

    [Fact]
    public void UsageOf_NothingReported_ContextEstimateAndTheReplyCountedWithO200k()
    {
        // "The quick brown fox jumps over the lazy dog." is 10 tokens in o200k_base (TokenEstimatorTests).
        var usage = TurnExecution.UsageOf(null, Built, "The quick brown fox jumps over the lazy dog.");

        Assert.Equal(new TurnUsage(42, 10, Reported: false), usage);
    }

    [Fact]
    public void UsageOf_OnlyTheInputReported_TheOutputIsCounted_AndItIsNotCalledReported()
    {
        var usage = TurnExecution.UsageOf(new UsageDetails { InputTokenCount = 77 }, Built, "antidisestablishmentarianism");

        Assert.Equal(new TurnUsage(77, 6, Reported: false), usage);
    }

    [Fact]
    public async Task Send_OnTheSessionSystem_ReplyCarriesTheCountsOfWhatTheModelRead()
    {
        var chat = ScriptedChatClient.Answering(_ => "Hello, how are you doing today?");
        await using var system = await TestSessionSystems.StartAsync(chat: chat);
        var client = system.ForTenant(TenantId.Default);
        var session = await client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { SystemPrompt = "You are terse." } });

        var first = await client.SendAsync(session.Id, "hello world");
        var second = await client.SendAsync(session.Id, "tiktoken is great!");

        // The reply is 8 tokens; each prompt is system + history + message, each message with its overhead.
        var overhead = TokenEstimator.PerMessageOverhead;
        Assert.Equal(new TurnUsage((4 + overhead) + (2 + overhead), 8, Reported: false), first.Usage);
        Assert.Equal(new TurnUsage((4 + overhead) + (2 + overhead) + (8 + overhead) + (6 + overhead), 8, Reported: false), second.Usage);
    }
}
