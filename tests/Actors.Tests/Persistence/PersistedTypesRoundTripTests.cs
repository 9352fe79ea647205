using JidoSessions.Actors.Context;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Sessions;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Persistence;

/// <summary>Every type the session system persists survives its manifest round trip unchanged.</summary>
public sealed class PersistedTypesRoundTripTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 30, 0, TimeSpan.FromHours(1));
    private static readonly SessionId Id = SessionId.Parse("0190d7e2-6b1a-7c3e-9f00-123456789abc");
    private static readonly TenantId Tenant = TenantId.Parse("acme");

    public static TheoryData<object> Samples()
    {
        var config = new SessionConfig { Model = "m", SystemPrompt = "be brief", MaxHistory = 10, DoubleTexting = DoubleTextingPolicy.Reject, Metadata = new Dictionary<string, string> { ["CamelKey"] = "v" } };
        var state = ContextState.Empty
            .Apply(new TurnRecorded("hello", "hi there", At))
            .Apply(new FileAdded("notes.md", "# notes", 7, new string('a', 64), At, [new FileMetadataEntry("Lang", "md")]));
        return new TheoryData<object>
        {
            new SessionOpened(Id, Tenant, SessionKey.Parse("call-42"), config, At),
            new SessionConfigChanged(config, At),
            new SessionStatusMoved(SessionStatus.Active, SessionStatus.Idle, "idle timeout", At),
            new JournalPurged(At),
            new SessionState(Id, Tenant, SessionKey.Parse("k"), SessionStatus.Failed, config, At, At, At, 12),
            new TurnRecorded("user says", "assistant says", At),
            new HistoryTrimmed(41),
            new FileAdded("src/a.cs", "class A {}", 10, new string('b', 64), At, [new FileMetadataEntry("MixedCase", "x")]),
            new FileRemoved("src/a.cs"),
            new LimitsChanged(100, 5),
            new HistoryRewound(2, At),
            new ConfigSuperseded(config),
            new ContextSeeded(Id, 2, [new HistoryEntry(1, MessageRole.User, "a", At), new HistoryEntry(2, MessageRole.Assistant, "b", At)], [new FileAdded("src/a.cs", "class A {}", 10, new string('b', 64), At, [new FileMetadataEntry("MixedCase", "x")])], At),
            ContextSnapshot.From(state),
            ContextSnapshot.From(Rewound(state, config)),
            new KeyAssigned(Id),
            new KeyCleared(Id),
        };
    }

    /// <summary>A state with every member a fork or rewind adds: a hidden message, an ended file, a replaced config, an origin.</summary>
    private static ContextState Rewound(ContextState state, SessionConfig config) => state
        .Apply(new ContextSeeded(Id, 0, [], [], At))
        .Apply(new TurnRecorded("later", "reply", At))
        .Apply(new FileAdded("notes.md", "# notes v2", 10, new string('c', 64), At, []))
        .Apply(new ConfigSuperseded(config))
        .Apply(new HistoryRewound(2, At));

    [Fact]
    public void ContextSnapshot_WrittenBeforeForksExisted_StillReads_AsASessionNeverRewoundOrForked()
    {
        var serializer = JidoSessionsAkkaExtensions.BuildSerializer();
        var state = ContextState.Empty.Apply(new TurnRecorded("hello", "hi there", At));
        var (manifest, payload) = serializer.Serialize(ContextSnapshot.From(state));
        var json = System.Text.Json.Nodes.JsonNode.Parse(payload)!.AsObject();
        foreach (var added in new[] { "rewinds", "endedFiles", "configHistory", "forkedFrom" })
        {
            Assert.True(json.Remove(added), $"the snapshot has no member '{added}'");
        }

        var back = ((ContextSnapshot)serializer.Deserialize(manifest, json.ToJsonString())).ToState();

        Assert.Equal(state.History, back.History);
        Assert.Empty(back.Rewinds);
        Assert.Empty(back.EndedFiles);
        Assert.Null(back.ForkedFrom);
    }

    [Fact]
    public void ContextSnapshot_OfARewoundFork_RestoresItsAuditView()
    {
        var serializer = JidoSessionsAkkaExtensions.BuildSerializer();
        var config = new SessionConfig { Voice = "old" };
        var state = Rewound(ContextState.Empty.Apply(new TurnRecorded("hello", "hi there", At)), config);
        var (manifest, payload) = serializer.Serialize(ContextSnapshot.From(state));

        var back = ((ContextSnapshot)serializer.Deserialize(manifest, payload)).ToState();

        Assert.Equal(state.Audit(), back.Audit());
        Assert.Equal(state.History, back.History);
        Assert.Equal(state.NextSequence, back.NextSequence);
        Assert.Equal("old", Assert.Single(back.ConfigHistory).Config.Voice);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void RoundTrip_EveryPersistedType_ComesBackEqual(object sample)
    {
        var serializer = JidoSessionsAkkaExtensions.BuildSerializer();

        var (manifest, payload) = serializer.Serialize(sample);
        var back = serializer.Deserialize(manifest, payload);

        Assert.IsType(sample.GetType(), back);
        Assert.Equal(payload, serializer.Serialize(back).Payload);
    }

    [Fact]
    public void Samples_CoverEveryRegisteredManifest()
    {
        var serializer = JidoSessionsAkkaExtensions.BuildSerializer();

        var covered = ((IEnumerable<object[]>)Samples()).Select(row => serializer.Serialize(row[0]).Manifest).ToHashSet();

        Assert.Equal(serializer.Manifests.Order(), covered.Order());
    }
}
