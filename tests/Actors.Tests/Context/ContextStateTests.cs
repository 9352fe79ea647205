using JidoSessions.Actors.Context;
using JidoSessions.Client;
using JidoSessions.Persistence.Serialization;

namespace JidoSessions.Actors.Tests.Context;

public sealed class ContextStateTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static ContextState ApplyAll(ContextState state, IEnumerable<IContextEvent> events) =>
        events.Aggregate(state, (s, e) => s.Apply(e));

    private static ContextState WithTurns(int count, int maxHistory = 1000)
    {
        var state = ContextState.Empty;
        for (var i = 1; i <= count; i++)
        {
            state = ApplyAll(state, state.PlanTurn($"u{i}", $"a{i}", At, maxHistory));
        }

        return state;
    }

    private static ContextState WithFile(ContextState state, string path, string content = "x")
    {
        Assert.Null(state.PlanAddFile(new SessionFile(path, content), At, out var added));
        return state.Apply(added!);
    }

    [Fact]
    public void Apply_TurnRecorded_AppendsUserThenAssistantWithConsecutiveSequences()
    {
        var state = ContextState.Empty;

        state = state.Apply(new TurnRecorded("hi", "hello", At));

        Assert.Equal(
            [new HistoryEntry(1, MessageRole.User, "hi", At), new HistoryEntry(2, MessageRole.Assistant, "hello", At)],
            state.History);
        Assert.Equal(3, state.NextSequence);
    }

    [Fact]
    public void PlanTurn_BeyondMaxHistory_DropsOldestAndKeepsNewest()
    {
        var state = WithTurns(2);

        state = ApplyAll(state, state.PlanTurn("u3", "a3", At, maxHistory: 3));

        Assert.Equal(["a2", "u3", "a3"], state.History.Select(e => e.Text));
        Assert.Equal([4L, 5, 6], state.History.Select(e => e.Sequence));
    }

    [Fact]
    public void PlanTurn_MaxHistoryOne_KeepsOnlyTheAssistantMessage()
    {
        var state = WithTurns(1);

        var events = state.PlanTurn("u2", "a2", At, maxHistory: 1);
        state = ApplyAll(state, events);

        Assert.Equal(new HistoryTrimmed(3), events[1]);
        Assert.Equal([new HistoryEntry(4, MessageRole.Assistant, "a2", At)], state.History);
    }

    [Fact]
    public void Sequences_AfterRepeatedTrimming_AreStrictlyIncreasingAndNeverReused()
    {
        var seen = new List<long>();
        var state = ContextState.Empty;

        for (var i = 0; i < 20; i++)
        {
            var events = state.PlanTurn($"u{i}", $"a{i}", At, maxHistory: 3);
            var (user, assistant) = state.EntriesFor((TurnRecorded)events[0]);
            seen.Add(user.Sequence);
            seen.Add(assistant.Sequence);
            state = ApplyAll(state, events);
        }

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), seen);
        Assert.Equal([38L, 39, 40], state.History.Select(e => e.Sequence));
        Assert.Equal(41, state.NextSequence);
    }

    [Fact]
    public void PlanAddFile_SamePath_ReplacesContentAndMakesItNewest()
    {
        var state = WithFile(WithFile(ContextState.Empty, "a.txt", "one"), "b.txt");

        state = WithFile(state, "a.txt", "two");

        Assert.Equal(2, state.Files.Count);
        Assert.Equal("two", state.Files["a.txt"].Content);
        Assert.Equal(["a.txt", "b.txt"], state.FilesNewestFirst.Select(f => f.Info.Path));
    }

    [Fact]
    public void PlanAddFile_Content_ComputesUtf8LengthAndSha256AndKeepsMetadataKeys()
    {
        var metadata = new Dictionary<string, string> { ["Author"] = "Ada" };

        var error = ContextState.Empty.PlanAddFile(new SessionFile("hello.txt", "hello", metadata), At, out var added);
        var info = ContextState.Empty.Apply(added!).Files["hello.txt"].Info;

        Assert.Null(error);
        Assert.Equal(5, info.Length);
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", info.Sha256);
        Assert.Equal(At, info.AddedAt);
        Assert.Equal("Ada", info.Metadata["Author"]);
    }

    [Fact]
    public void PlanAddFile_NewPathWhenFull_IsRejectedNamingTheLimit()
    {
        var state = WithFile(ContextState.Empty.Apply(new LimitsChanged(10, 1)), "a.txt");

        var error = state.PlanAddFile(new SessionFile("b.txt", "x"), At, out var added);

        Assert.Null(added);
        Assert.Contains("maxFiles", error!.Errors.Keys);
        Assert.Contains("limit 1", error.Errors["maxFiles"], StringComparison.Ordinal);
    }

    [Fact]
    public void PlanAddFile_ExistingPathWhenFull_IsAllowed()
    {
        var state = WithFile(ContextState.Empty.Apply(new LimitsChanged(10, 1)), "a.txt");

        var error = state.PlanAddFile(new SessionFile("a.txt", "new"), At, out var added);

        Assert.Null(error);
        Assert.Equal("new", added!.Content);
    }

    [Fact]
    public void PlanAddFile_ContentOverOneMiB_IsRejectedNamingContent()
    {
        var error = ContextState.Empty.PlanAddFile(new SessionFile("big.txt", new string('x', SessionFileRules.MaxContentBytes + 1)), At, out _);

        Assert.Equal(["content"], error!.Errors.Keys);
    }

    [Fact]
    public void PlanAddFile_ContentOfExactlyOneMiB_IsAccepted()
    {
        var error = ContextState.Empty.PlanAddFile(new SessionFile("big.txt", new string('x', SessionFileRules.MaxContentBytes)), At, out var added);

        Assert.Null(error);
        Assert.Equal(SessionFileRules.MaxContentBytes, added!.Length);
    }

    [Fact]
    public void PlanRemoveFile_UnknownPath_ReturnsNull()
    {
        var state = WithFile(ContextState.Empty, "a.txt");

        Assert.Null(state.PlanRemoveFile("b.txt"));
        Assert.Empty(state.Apply(state.PlanRemoveFile("a.txt")!).Files);
    }

    [Fact]
    public void PlanLimits_Unchanged_ReturnsNoEvents()
    {
        var state = ContextState.Empty.Apply(new LimitsChanged(5, 5));

        Assert.Empty(state.PlanLimits(5, 5));
    }

    [Fact]
    public void PlanLimits_Lowered_TrimsOldestHistoryAndEvictsLeastRecentlyAddedFiles()
    {
        var state = WithFile(WithFile(WithFile(WithTurns(3), "c.txt"), "a.txt"), "b.txt");

        var events = state.PlanLimits(maxHistory: 2, maxFiles: 1);
        state = ApplyAll(state, events);

        Assert.Equal(new LimitsChanged(2, 1), events[0]);
        Assert.Equal(["u3", "a3"], state.History.Select(e => e.Text));
        Assert.Equal(["b.txt"], state.Files.Keys);
        Assert.Equal((2, 1), (state.MaxHistory, state.MaxFiles));
    }

    [Fact]
    public void FileIndex_IsSortedByPath()
    {
        var state = WithFile(WithFile(WithFile(ContextState.Empty, "b/z.txt"), "a.txt"), "b/a.txt");

        Assert.Equal(["a.txt", "b/a.txt", "b/z.txt"], state.FileIndex.Select(f => f.Path));
    }

    [Fact]
    public void Snapshot_RoundTripThroughSerializer_EqualsTheState()
    {
        var serializer = new EventSerializerBuilder().AddContextEvents().Build();
        var state = WithTurns(4, maxHistory: 5);
        Assert.Null(state.PlanAddFile(new SessionFile("docs/Read Me.md", "# hi", new Dictionary<string, string> { ["Owner"] = "Ada" }), At, out var added));
        state = state.Apply(added!).Apply(new LimitsChanged(5, 7));

        var (manifest, payload) = serializer.Serialize(ContextSnapshot.From(state));
        var restored = ((ContextSnapshot)serializer.Deserialize(manifest, payload)).ToState();

        Assert.Equal("context.snapshot.v1", manifest);
        Assert.Equal(serializer.Serialize(ContextSnapshot.From(state)).Payload, serializer.Serialize(ContextSnapshot.From(restored)).Payload);
        Assert.Equal(state.History, restored.History);
        Assert.Equal("Ada", restored.Files["docs/Read Me.md"].Info.Metadata["Owner"]);
        Assert.Equal(state.NextSequence, restored.NextSequence);
    }

    [Fact]
    public void Events_RoundTripThroughSerializer_ReplayToTheSameState()
    {
        var serializer = new EventSerializerBuilder().AddContextEvents().Build();
        Assert.Null(ContextState.Empty.PlanAddFile(new SessionFile("a.txt", "x", new Dictionary<string, string> { ["Key"] = "v" }), At, out var added));
        IContextEvent[] events = [new TurnRecorded("u", "a", At), new HistoryTrimmed(1), added!, new FileRemoved("b.txt"), new LimitsChanged(3, 4)];

        var replayed = events.Select(e => serializer.Serialize(e)).Select(s => (IContextEvent)serializer.Deserialize(s.Manifest, s.Payload)).ToArray();

        Assert.Equal(
            serializer.Serialize(ContextSnapshot.From(ApplyAll(ContextState.Empty, events))).Payload,
            serializer.Serialize(ContextSnapshot.From(ApplyAll(ContextState.Empty, replayed))).Payload);
        Assert.Equal("v", ApplyAll(ContextState.Empty, replayed).Files["a.txt"].Info.Metadata["Key"]);
    }
}
