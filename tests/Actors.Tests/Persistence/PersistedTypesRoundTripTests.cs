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
            ContextSnapshot.From(state),
            new KeyAssigned(Id),
            new KeyCleared(Id),
        };
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
