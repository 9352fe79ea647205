using JidoSessions.Actors.Context;
using JidoSessions.Actors.Llm;
using JidoSessions.Client;
using Microsoft.Extensions.AI;

namespace JidoSessions.Actors.Tests.Context;

public sealed class TruncatingReducerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TokenEstimator Tokens = TokenEstimator.Default;

    private static IReadOnlyList<HistoryEntry> History(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new HistoryEntry(i, i % 2 == 1 ? MessageRole.User : MessageRole.Assistant, $"msg-{i:000}", At))];

    private static ContextFile File(string path, int tokens) => new(path, $"File: {path}", tokens);

    private static int Cost(IEnumerable<HistoryEntry> entries) => entries.Sum(e => Tokens.CountMessage(e.Text));

    private static BuiltContext Reduce(string? system, IReadOnlyList<ContextFile> files, IReadOnlyList<HistoryEntry> history, int budget) =>
        TruncatingReducer.Instance.Reduce(new ContextInput(system, files, history, "question", budget));

    [Fact]
    public void Reduce_SystemPromptAloneOverBudget_KeepsItFirstAndUserMessageLast()
    {
        var system = new string('s', 1000);

        var built = Reduce(system, [File("a.txt", 5)], History(4), budget: 64);

        Assert.Equal(2, built.Messages.Count);
        Assert.Equal((ChatRole.System, system), (built.Messages[0].Role, built.Messages[0].Text));
        Assert.Equal((ChatRole.User, "question"), (built.Messages[1].Role, built.Messages[1].Text));
        Assert.Equal(Tokens.CountMessage(system) + Tokens.CountMessage("question"), built.EstimatedTokens);
        Assert.True(built.EstimatedTokens > 64);
    }

    [Fact]
    public void Reduce_BudgetExactlyFitsNewestThree_KeepsThoseInChronologicalOrder()
    {
        var history = History(10);
        var fixedCost = Tokens.CountMessage("sys") + Tokens.CountMessage("question");
        var budget = fixedCost + Cost(history.TakeLast(3));

        var built = Reduce("sys", [], history, budget);

        Assert.Equal(["sys", "msg-008", "msg-009", "msg-010", "question"], built.Messages.Select(m => m.Text));
        Assert.Equal([ChatRole.System, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant, ChatRole.User], built.Messages.Select(m => m.Role));
        Assert.Equal(budget, built.EstimatedTokens);
    }

    [Fact]
    public void Reduce_BudgetOneTokenShortOfThree_KeepsOnlyNewestTwo()
    {
        var history = History(10);
        var fixedCost = Tokens.CountMessage("sys") + Tokens.CountMessage("question");
        var budget = fixedCost + Cost(history.TakeLast(3)) - 1;

        var built = Reduce("sys", [], history, budget);

        Assert.Equal(["sys", "msg-009", "msg-010", "question"], built.Messages.Select(m => m.Text));
        Assert.Equal(fixedCost + Cost(history.TakeLast(2)), built.EstimatedTokens);
        Assert.True(built.EstimatedTokens <= budget);
    }

    [Fact]
    public void Reduce_OlderMessageTooLarge_StopsThereEvenIfOlderOnesWouldFit()
    {
        List<HistoryEntry> history =
        [
            new(1, MessageRole.User, "tiny", At),
            new(2, MessageRole.Assistant, string.Join(' ', Enumerable.Repeat("word", 200)), At),
            new(3, MessageRole.User, "latest", At),
        ];
        var budget = Tokens.CountMessage("question") + Tokens.CountMessage("latest") + Tokens.CountMessage("tiny");

        var built = Reduce(null, [], history, budget);

        Assert.Equal(["latest", "question"], built.Messages.Select(m => m.Text));
    }

    [Fact]
    public void Reduce_Files_IncludedNewestFirstWhileTheyFitAndSkippedWhenTooLarge()
    {
        var fixedCost = Tokens.CountMessage("question");

        var built = Reduce(null, [File("new.txt", 10), File("huge.txt", 1000), File("old.txt", 10), File("older.txt", 10)], History(2), budget: fixedCost + 20);

        Assert.Equal(["File: new.txt", "File: old.txt", "question"], built.Messages.Select(m => m.Text));
        Assert.All(built.Messages.SkipLast(1), m => Assert.Equal(ChatRole.System, m.Role));
        Assert.Equal(fixedCost + 20, built.EstimatedTokens);
    }

    [Fact]
    public void Reduce_FileOneTokenOverWhatIsLeft_IsSkippedAndHistoryGetsTheRoom()
    {
        var history = History(1);
        var fixedCost = Tokens.CountMessage("question");
        var room = Cost(history);

        var built = Reduce(null, [File("notes.md", room + 1)], history, budget: fixedCost + room);

        Assert.Equal(["msg-001", "question"], built.Messages.Select(m => m.Text));
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

    [Fact]
    public void Reduce_WithCl100kEstimator_CountsWithThatEncoding()
    {
        const string Japanese = "お誕生日おめでとう";
        var cl100k = new TruncatingReducer(TokenEstimator.For(LlmTokenizer.Cl100kBase, model: null));

        var o200kBuilt = TruncatingReducer.Instance.Reduce(new ContextInput(null, [], [], Japanese, 10_000));
        var cl100kBuilt = cl100k.Reduce(new ContextInput(null, [], [], Japanese, 10_000));

        Assert.Equal(8 + TokenEstimator.PerMessageOverhead, o200kBuilt.EstimatedTokens);
        Assert.Equal(9 + TokenEstimator.PerMessageOverhead, cl100kBuilt.EstimatedTokens);
    }
}
