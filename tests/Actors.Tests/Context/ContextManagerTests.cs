using JidoSessions.Actors.Events;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;
using Akka.Actor;
using Microsoft.Extensions.AI;
using JidoSessions.Actors.Support;

namespace JidoSessions.Actors.Tests.Context;

public sealed partial class ContextManagerTests : ContextTestKit
{
    private static Task<SessionFileInfo> AddFileAsync(IActorRef context, string path, string content, IReadOnlyDictionary<string, string>? metadata = null) =>
        context.AskFor<SessionFileInfo>(new AddFile(new SessionFile(path, content, metadata)), AskTimeout);

    private static Task<IReadOnlyList<SessionFileInfo>> ListFilesAsync(IActorRef context) =>
        context.Ask<IReadOnlyList<SessionFileInfo>>(ListFiles.Instance, AskTimeout);

    private static Task<BuiltContext> BuildAsync(IActorRef context, string user, string? system, int budget) =>
        context.Ask<BuiltContext>(new BuildContext(user, system, budget), AskTimeout);

    [Fact]
    public async Task AppendTurn_ThenGetHistory_ReturnsUserThenAssistantOldestFirst()
    {
        var context = StartContext(SessionId.New());

        var first = await AppendAsync(context, "hi", "hello");
        var second = await AppendAsync(context, "how are you?", "fine");
        var history = await HistoryAsync(context);

        Assert.Equal((1L, 2L, 2), (first.User.Sequence, first.Assistant.Sequence, first.MessageCount));
        Assert.Equal((3L, 4L, 4), (second.User.Sequence, second.Assistant.Sequence, second.MessageCount));
        Assert.Equal(["hi", "hello", "how are you?", "fine"], history.Select(e => e.Text));
        Assert.Equal([MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant], history.Select(e => e.Role));
    }

    [Fact]
    public async Task AppendTurn_AfterCommit_PublishesMessageAppendedForBothOnTheSessionTopic()
    {
        var id = SessionId.New();
        var subscriber = CreateTestProbe();
        Events.Subscribe(SessionEventPublisher.SessionTopic(id), subscriber);
        await subscriber.ExpectMsgAsync<Akka.Cluster.Tools.PublishSubscribe.SubscribeAck>();
        var context = StartContext(id);

        await AppendAsync(context, "hi", "hello");

        var user = await subscriber.ExpectMsgAsync<MessageAppended>();
        var assistant = await subscriber.ExpectMsgAsync<MessageAppended>();
        Assert.Equal((id, Tenant, 1L, MessageRole.User, "hi"), (user.SessionId, user.Tenant, user.Sequence, user.Role, user.Text));
        Assert.Equal((2L, MessageRole.Assistant, "hello"), (assistant.Sequence, assistant.Role, assistant.Text));
        Assert.Equal(1, await HighestSequenceNrAsync($"context-{id}"));
    }

    [Fact]
    public async Task AppendTurn_BeyondMaxHistory_DropsOldestMessagesFirst()
    {
        var context = StartContext(SessionId.New());
        await AppendAsync(context, "u1", "a1", maxHistory: 3);
        await AppendAsync(context, "u2", "a2", maxHistory: 3);

        var appended = await AppendAsync(context, "u3", "a3", maxHistory: 3);

        Assert.Equal(3, appended.MessageCount);
        Assert.Equal(["a2", "u3", "a3"], (await HistoryAsync(context)).Select(e => e.Text));
        Assert.Equal(6, appended.Assistant.Sequence);
    }

    [Fact]
    public async Task AddFile_ThenListFiles_ReturnsIndexSortedByPath()
    {
        var context = StartContext(SessionId.New());

        var info = await AddFileAsync(context, "src/b.cs", "class B {}", new Dictionary<string, string> { ["Lang"] = "cs" });
        await AddFileAsync(context, "README.md", "# readme");
        var files = await ListFilesAsync(context);

        Assert.Equal(("src/b.cs", 10, 64), (info.Path, info.Length, info.Sha256.Length));
        Assert.Equal("cs", info.Metadata["Lang"]);
        Assert.Equal(["README.md", "src/b.cs"], files.Select(f => f.Path));
    }

    [Fact]
    public async Task AddFile_InvalidPath_FailsWithValidationExceptionAndChangesNothing()
    {
        var id = SessionId.New();
        var context = StartContext(id);
        await AddFileAsync(context, "ok.txt", "x");

        var error = await Assert.ThrowsAsync<ValidationException>(() => AddFileAsync(context, "../escape.txt", "x"));

        Assert.Equal(["path"], error.Errors.Keys);
        Assert.Equal(["ok.txt"], (await ListFilesAsync(context)).Select(f => f.Path));
        Assert.Equal(1, await HighestSequenceNrAsync($"context-{id}"));
    }

    [Fact]
    public async Task AddFile_WhenFull_RejectsANewPathButReplacesAnExistingOne()
    {
        var context = StartContext(SessionId.New());
        context.Tell(new ContextLimits(MaxHistory: 100, MaxFiles: 1), null);
        var first = await AddFileAsync(context, "a.txt", "one");

        var error = await Assert.ThrowsAsync<ValidationException>(() => AddFileAsync(context, "b.txt", "x"));
        var replaced = await AddFileAsync(context, "a.txt", "two!");

        Assert.Contains("maxFiles", error.Errors.Keys);
        Assert.NotEqual(first.Sha256, replaced.Sha256);
        Assert.Equal([("a.txt", 4)], (await ListFilesAsync(context)).Select(f => (f.Path, f.Length)));
    }

    [Fact]
    public async Task RemoveFile_Present_ReturnsTrueThenFalse()
    {
        var context = StartContext(SessionId.New());
        await AddFileAsync(context, "a.txt", "x");

        var removed = await context.Ask<bool>(new RemoveFile("a.txt"), AskTimeout);
        var again = await context.Ask<bool>(new RemoveFile("a.txt"), AskTimeout);

        Assert.Equal((true, false), (removed, again));
        Assert.Empty(await ListFilesAsync(context));
    }

    [Fact]
    public async Task BuildContext_SystemPromptOverBudget_IsNeverDropped()
    {
        var context = StartContext(SessionId.New());
        await AppendAsync(context, "old question", "old answer");
        var system = new string('s', 4000);

        var built = await BuildAsync(context, "now?", system, budget: 64);

        Assert.Equal([(ChatRole.System, system), (ChatRole.User, "now?")], built.Messages.Select(m => (m.Role, m.Text)));
    }

    [Fact]
    public async Task BuildContext_SmallBudget_KeepsNewestHistoryInOrder()
    {
        var context = StartContext(SessionId.New());
        for (var i = 1; i <= 5; i++)
        {
            await AppendAsync(context, $"user-{i}", $"asst-{i}");
        }

        // "sys" 5 + "now?" 5 + three 6-char messages at 6 each = 28; a fourth would need 34.
        var built = await BuildAsync(context, "now?", "sys", budget: 30);

        Assert.Equal(["sys", "asst-4", "user-5", "asst-5", "now?"], built.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task BuildContext_WithFiles_AddsThemWithPathHeaderNewestFirstBeforeHistory()
    {
        var context = StartContext(SessionId.New());
        await AddFileAsync(context, "a.txt", "alpha");
        await AddFileAsync(context, "b.txt", "beta");
        await AppendAsync(context, "q", "a");

        var built = await BuildAsync(context, "now?", "sys", budget: 10_000);

        Assert.Equal(["sys", "File: b.txt\nbeta", "File: a.txt\nalpha", "q", "a", "now?"], built.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task BuildContext_CustomReducer_IsUsed()
    {
        var context = StartContext(SessionId.New(), reducer: new FixedReducer());

        var built = await BuildAsync(context, "now?", "sys", budget: 100);

        Assert.Equal(["fixed"], built.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task SharedCache_TwoSessionsSamePath_ChangingOneLeavesTheOthersEntry()
    {
        var cache = new ContextCache();
        SessionId a = SessionId.New(), b = SessionId.New();
        var contextA = StartContext(a, cache: cache);
        var contextB = StartContext(b, cache: cache);
        await AddFileAsync(contextA, "notes.md", "session A notes");
        await AddFileAsync(contextB, "notes.md", "session B notes");
        await BuildAsync(contextA, "q", null, 10_000);
        await BuildAsync(contextB, "q", null, 10_000);
        Assert.True(cache.TryGet(a, "notes.md", out _));

        await AddFileAsync(contextA, "notes.md", "session A notes, edited");

        Assert.False(cache.TryGet(a, "notes.md", out _));
        Assert.True(cache.TryGet(b, "notes.md", out var kept));
        Assert.Equal("File: notes.md\nsession B notes", kept!.Text);
        var builtA = await BuildAsync(contextA, "q", null, 10_000);
        Assert.Equal("File: notes.md\nsession A notes, edited", builtA.Messages[0].Text);
    }

    [Fact]
    public async Task ContextLimits_Unchanged_PersistsNothing()
    {
        var id = SessionId.New();
        var context = StartContext(id);
        context.Tell(new ContextLimits(10, 10), null);
        await HistoryAsync(context);
        var before = await HighestSequenceNrAsync($"context-{id}");

        context.Tell(new ContextLimits(10, 10), null);
        await HistoryAsync(context);

        Assert.Equal(1, before);
        Assert.Equal(before, await HighestSequenceNrAsync($"context-{id}"));
    }

    [Fact]
    public async Task ContextLimits_Lowered_TrimsHistory()
    {
        var context = StartContext(SessionId.New());
        await AppendAsync(context, "u1", "a1");
        await AppendAsync(context, "u2", "a2");

        context.Tell(new ContextLimits(MaxHistory: 1, MaxFiles: 10), null);

        Assert.Equal(["a2"], (await HistoryAsync(context)).Select(e => e.Text));
    }

    private sealed class FixedReducer : IContextReducer
    {
        public BuiltContext Reduce(ContextInput input) => new([new ChatMessage(ChatRole.User, "fixed")], 1);
    }
}
