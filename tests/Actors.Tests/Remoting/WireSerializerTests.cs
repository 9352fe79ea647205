using System.Text;
using Akka.Actor;
using Akka.Serialization;
using JidoSessions.Actors.Context;
using JidoSessions.Actors.Hosting;
using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Remoting;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Support;
using JidoSessions.Actors.Tests.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Tests.Remoting;

/// <summary>
/// Every message that can cross nodes is bound to the wire serializer (not Akka's type-name JSON fallback) and comes
/// back with every member: envelopes with their payloads, actor refs, replies as the actors really send them, typed
/// failures and events.
/// </summary>
public sealed class WireSerializerTests(WireSerializerTests.SystemFixture fixture) : IClassFixture<WireSerializerTests.SystemFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 15, 0, TimeSpan.FromHours(2));
    private static readonly SessionId Id = SessionId.Parse("0190d7e2-6b1a-7c3e-9f00-123456789abc");
    private static readonly TenantId Tenant = TenantId.Parse("acme");
    private static readonly SessionKey Key = SessionKey.Parse("call-42");

    private SessionSystem System => fixture.System;

    private Serialization Serialization => ((ExtendedActorSystem)System.ActorSystem).Serialization;

    public static TheoryData<object> Samples()
    {
        var config = new SessionConfig { Model = "m", SystemPrompt = "be brief", MaxHistory = 10, DoubleTexting = DoubleTextingPolicy.Reject, Metadata = new Dictionary<string, string> { ["CamelKey"] = "v" } };
        var info = new SessionInfo(Id, Tenant, Key, SessionStatus.Active, config, At, At, At, 4);
        var file = new SessionFileInfo("src/a.cs", 10, new string('b', 64), At, new Dictionary<string, string> { ["Lang"] = "cs" });
        return new TheoryData<object>
        {
            new SessionEnvelope(Tenant, Id, new OpenSession(Key, config, AsGetOrCreate: true)),
            new SessionEnvelope(Tenant, Id, new OpenSession(null, new SessionConfig(), AsGetOrCreate: false)),
            new SessionEnvelope(Tenant, Id, new JoinSession(Key, null)),
            new SessionEnvelope(Tenant, Id, new SendMessage("hello there", null)),
            new SessionEnvelope(Tenant, Id, new SendMessage("json please", null, new TurnOptions
            {
                Temperature = 0.5f, TopP = 0.9f, MaxOutputTokens = 100, Stop = ["END"], Seed = 7, PresencePenalty = 0.1f, FrequencyPenalty = -0.1f,
                ResponseFormat = new TurnResponseFormat(ResponseFormatKind.JsonSchema, "place", "{\"type\":\"object\"}"),
                PriorMessages = [new PriorMessage(MessageRole.User, "earlier"), new PriorMessage(MessageRole.Assistant, "noted")],
            })),
            new SessionEnvelope(Tenant, Id, CancelTurn.Instance),
            new SessionEnvelope(Tenant, Id, GetSessionInfo.Instance),
            new SessionEnvelope(Tenant, Id, new SetSessionConfig(config)),
            new SessionEnvelope(Tenant, Id, new TerminateSession(TerminationReason.Expired)),
            new SessionEnvelope(Tenant, Id, GetHistory.Instance),
            new SessionEnvelope(Tenant, Id, new AddFile(new SessionFile("notes.md", "# notes", new Dictionary<string, string> { ["k"] = "v" }))),
            new SessionEnvelope(Tenant, Id, new RemoveFile("notes.md")),
            new SessionEnvelope(Tenant, Id, ListFiles.Instance),
            new SessionEnvelope(Tenant, Id, ExpireIfIdle.Instance),
            new SessionEnvelope(Tenant, Id, GetHistoryAudit.Instance),
            new SessionEnvelope(Tenant, Id, new ForkSession(4, Key)),
            new SessionEnvelope(Tenant, Id, new ForkSession(2, null)),
            new SessionEnvelope(Tenant, Id, new RewindSession(2)),
            new SessionEnvelope(Tenant, Id, new OpenSession(null, config, AsGetOrCreate: false, Seed(config))),
            new SessionEnvelope(Tenant, Id, new JoinSession(Key, config, Seed(config))),
            new KeyEnvelope(Tenant, Key, new ClaimKey(config, Seed(config))),
            new KeyEnvelope(Tenant, Key, new ClaimKey(config)),
            new KeyEnvelope(Tenant, Key, new ClaimKey(null)),
            new KeyEnvelope(Tenant, Key, new KeyStale(Id, new ClaimKey(null))),
            new KeyEnvelope(Tenant, Key, new ReleaseKey(Id)),
            new KeyEnvelope(Tenant, Key, FindKey.Instance),
            new TurnDelta("par"),
            new KeyReleaseAck(Id),
            new KeyLookup(Id),
            new KeyLookup(null),
            info,
            new GetOrCreateResult(info, Created: true),
            new MessageReply(Id, "hi", 2, "local", At),
            new MessageReply(Id, "hi", 2, "local", At, new TurnUsage(12, 3, Reported: true)),
            file,
            new[] { new HistoryEntry(1, MessageRole.User, "hello", At), new HistoryEntry(2, MessageRole.Assistant, "hi", At) },
            new[] { file },
            new[]
            {
                new HistoryAuditEntry(HistoryAuditKind.Fork, 2, null, "forked", At, false),
                new HistoryAuditEntry(HistoryAuditKind.Message, 3, MessageRole.User, "hidden", At, true),
                new HistoryAuditEntry(HistoryAuditKind.Rewind, 2, null, "rewound to message 2", At, false),
            },
            new FailureReply(new SessionNotFoundException("call-42")),
            new SessionCreated(Id, Tenant, At, Key),
            new SessionStatusChanged(Id, Tenant, At, SessionStatus.Active, SessionStatus.Idle, "idle timeout"),
            new SessionTerminated(Id, Tenant, At, TerminationReason.Requested),
            new MessageAppended(Id, Tenant, At, 3, MessageRole.Assistant, "ok"),
            new SessionForked(Id, Tenant, At, SessionId.Parse("0190d7e2-6b1a-7c3e-9f00-000000000001"), 4),
            new SessionRewound(Id, Tenant, At, 2),
        };
    }

    private static ContextSeeded Seed(SessionConfig config) => new(
        SessionId.Parse("0190d7e2-6b1a-7c3e-9f00-000000000001"),
        2,
        [new HistoryEntry(1, MessageRole.User, "hello", At), new HistoryEntry(2, MessageRole.Assistant, config.Model ?? "hi", At)],
        [new FileAdded("notes.md", "# notes", 7, new string('a', 64), At, [new FileMetadataEntry("MixedCase", "x")])],
        At);

    [Theory]
    [MemberData(nameof(Samples))]
    public void RoundTrip_EveryWireType_OnTheWireSerializerWithEveryMember(object sample)
    {
        var (bytes, manifest, back) = RoundTrip(sample);

        Assert.IsType(sample.GetType(), back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(ToBinary(back)));
        Assert.DoesNotContain("JidoSessions.", Encoding.UTF8.GetString(bytes) + manifest, StringComparison.Ordinal);
        if (sample is SessionEnvelope { Payload: var payload } && back is SessionEnvelope returned)
        {
            Assert.IsType(payload.GetType(), returned.Payload);
            Assert.Equal(Tenant, returned.Tenant);
            Assert.Equal(Id, returned.SessionId);
        }
    }

    [Fact]
    public void Samples_CoverEveryWireManifest()
    {
        var serializer = new JidoWireSerializer((ExtendedActorSystem)System.ActorSystem);

        var covered = ((IEnumerable<object[]>)Samples())
            .SelectMany(row => row[0] switch
            {
                SessionEnvelope e => new[] { serializer.Manifest(e), serializer.Manifest(e.Payload) },
                KeyEnvelope e => [serializer.Manifest(e), serializer.Manifest(e.Payload)],
                var o => [serializer.Manifest(o)],
            })
            .ToHashSet();

        Assert.Equal(WireManifests.All.Select(e => e.Manifest).Order(), covered.Order());
    }

    [Fact]
    public void SendMessage_StreamTo_ComesBackAsTheSameActor()
    {
        var receiver = System.ActorSystem.ActorOf(Props.Create(() => new EchoActor()));

        var (_, _, back) = RoundTrip(new SessionEnvelope(Tenant, Id, new SendMessage("hi", receiver)));

        var send = Assert.IsType<SendMessage>(Assert.IsType<SessionEnvelope>(back).Payload);
        Assert.Equal(receiver, send.StreamTo);
        Assert.Equal(receiver.Path.Uid, send.StreamTo!.Path.Uid);
    }

    public static TheoryData<SessionException> Failures() => new()
    {
        new SessionNotFoundException("call-42"),
        new InvalidTransitionException(Id, SessionStatus.Terminating, "send a message"),
        new SessionFailedException(Id, "its context or agent kept failing"),
        new TurnInProgressException(Id),
        new TurnCancelledException(Id),
        new TurnFailedException(Id, "RateLimited", "429 from the provider"),
        new ValidationException(new Dictionary<string, string> { ["message"] = "is required", ["model"] = "too long" }),
        new SessionUnavailableException("Ending session failed; ask again."),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void RoundTrip_TypedFailure_SameTypeCodeMessageAndMembers(SessionException error)
    {
        var (_, _, back) = RoundTrip(new FailureReply(error));

        var returned = Assert.IsType<FailureReply>(back).Error;
        Assert.IsType(error.GetType(), returned);
        Assert.Equal((error.Code, error.Status, error.Message), (returned.Code, returned.Status, returned.Message));
        switch ((error, returned))
        {
            case (SessionNotFoundException a, SessionNotFoundException b):
                Assert.Equal(a.SessionIdOrKey, b.SessionIdOrKey);
                break;
            case (InvalidTransitionException a, InvalidTransitionException b):
                Assert.Equal((a.SessionId, a.From, a.Attempted), (b.SessionId, b.From, b.Attempted));
                break;
            case (SessionFailedException a, SessionFailedException b):
                Assert.Equal((a.SessionId, a.Reason), (b.SessionId, b.Reason));
                break;
            case (TurnInProgressException a, TurnInProgressException b):
                Assert.Equal(a.SessionId, b.SessionId);
                break;
            case (TurnCancelledException a, TurnCancelledException b):
                Assert.Equal(a.SessionId, b.SessionId);
                break;
            case (TurnFailedException a, TurnFailedException b):
                Assert.Equal((a.SessionId, a.Kind, a.Detail), (b.SessionId, b.Kind, b.Detail));
                break;
            case (ValidationException a, ValidationException b):
                Assert.Equal(a.Errors.OrderBy(e => e.Key), b.Errors.OrderBy(e => e.Key));
                break;
            default:
                break;
        }
    }

    [Fact]
    public void FromBinary_UnknownManifest_NamesIt()
    {
        var serializer = new JidoWireSerializer((ExtendedActorSystem)System.ActorSystem);

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "session.teleport.v9"));

        Assert.Contains("session.teleport.v9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_AsTheActorsSendThem_AreBoundToTheWireSerializer()
    {
        var client = System.ForTenant(Tenant);
        var session = await client.CreateAsync(new CreateSessionRequest { Config = new SessionConfig { SystemPrompt = "p" } });
        var reply = await client.SendAsync(session.Id, "hello");
        await client.AddFileAsync(session.Id, new SessionFile("a.md", "# a"));

        // The list replies come from the ContextManager as its own collection types: they must still be ours.
        var history = await client.GetHistoryAsync(session.Id);
        var files = await client.ListFilesAsync(session.Id);

        foreach (var sent in new object[] { session, reply, history, files })
        {
            Assert.Equal(JidoWireSerializer.Id, Serialization.FindSerializerFor(sent).Identifier);
            var (_, _, back) = RoundTrip(sent);
            Assert.Equal(Encoding.UTF8.GetString(ToBinary(sent)), Encoding.UTF8.GetString(ToBinary(back)));
        }

        var returnedHistory = Assert.IsAssignableFrom<IReadOnlyList<HistoryEntry>>(RoundTrip(history).Back);
        Assert.Equal(history, returnedHistory);
    }

    private (byte[] Bytes, string Manifest, object Back) RoundTrip(object message)
    {
        var serializer = Serialization.FindSerializerFor(message);
        Assert.Equal(JidoWireSerializer.Id, serializer.Identifier);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        return (bytes, manifest, Serialization.Deserialize(bytes, serializer.Identifier, manifest));
    }

    private byte[] ToBinary(object message) => Serialization.FindSerializerFor(message).ToBinary(message);

    /// <summary>One session system for the class: the serializer is stateless.</summary>
    public sealed class SystemFixture : IAsyncLifetime
    {
        private SessionSystem? _system;

        public SessionSystem System => _system!;

        public async Task InitializeAsync() => _system = await TestSessionSystems.StartAsync();

        public async Task DisposeAsync() => await System.DisposeAsync();
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(m => Sender.Tell(m));
    }
}
