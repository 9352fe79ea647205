using JidoSessions.Actors.Context;
using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Context;

public sealed class TruncatingReducerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Each history text is 8 characters: 2 + 4 overhead = 6 tokens per message.
    private static IReadOnlyList<HistoryEntry> History(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new HistoryEntry(i, i % 2 == 1 ? MessageRole.User : MessageRole.Assistant, $"msg-{i:000}", At))];

    private static ContextFile File(string path, int tokens) => new(path, $"File: {path}", tokens);

    private static BuiltContext Reduce(string? system, IReadOnlyList<ContextFile> files, IReadOnlyList<HistoryEntry> history, int budget) =>
        TruncatingReducer.Instance.Reduce(new ContextInput(system, files, history, "question", budget));

    [Fact]
    public void Reduce_SystemPromptAloneOverBudget_KeepsItFirstAndUserMessageLast()
    {
        var system = new string('s', 1000);

        var built = Reduce(system, [File("a.txt", 5)], History(4), budget: 10);

        Assert.Equal(2, built.Messages.Count);
        Assert.Equal((ChatRole.System, system), (built.Messages[0].Role, built.Messages[0].Text));
        Assert.Equal((ChatRole.User, "question"), (built.Messages[1].Role, built.Messages[1].Text));
        Assert.Equal(TokenEstimator.ForMessage(system) + TokenEstimator.ForMessage("question"), built.EstimatedTokens);
    }

    [Fact]
    public void Reduce_HistoryOverBudget_KeepsNewestInChronologicalOrder()
    {
        var fixedCost = TokenEstimator.ForMessage("sys") + TokenEstimator.ForMessage("question");

        var built = Reduce("sys", [], History(10), budget: fixedCost + (3 * 6) + 5);

        Assert.Equal(["sys", "msg-008", "msg-009", "msg-010", "question"], built.Messages.Select(m => m.Text));
        Assert.Equal([ChatRole.System, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant, ChatRole.User], built.Messages.Select(m => m.Role));
        Assert.Equal(fixedCost + (3 * 6), built.EstimatedTokens);
    }

    [Fact]
    public void Reduce_Files_IncludedNewestFirstWhileTheyFitAndSkippedWhenTooLarge()
    {
        var fixedCost = TokenEstimator.ForMessage("question");

        var built = Reduce(null, [File("new.txt", 10), File("huge.txt", 1000), File("old.txt", 10), File("older.txt", 10)], History(2), budget: fixedCost + 20);

        Assert.Equal(["File: new.txt", "File: old.txt", "question"], built.Messages.Select(m => m.Text));
        Assert.All(built.Messages.SkipLast(1), m => Assert.Equal(ChatRole.System, m.Role));
    }

    [Fact]
    public void Reduce_EverythingFits_SystemFilesHistoryThenUser()
    {
        var built = Reduce("sys", [File("a.txt", 3)], History(2), budget: 10_000);

        Assert.Equal(["sys", "File: a.txt", "msg-001", "msg-002", "question"], built.Messages.Select(m => m.Text));
    }

    [Fact]
    public void Reduce_NoSystemPrompt_StartsWithFilesOrHistory()
    {
        var built = Reduce(null, [], History(1), budget: 10_000);

        Assert.Equal([ChatRole.User, ChatRole.User], built.Messages.Select(m => m.Role));
    }
}
