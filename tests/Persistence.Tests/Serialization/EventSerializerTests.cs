using System.Text.Json;
using JidoSessions.Persistence.Serialization;

namespace JidoSessions.Persistence.Tests.Serialization;

public sealed class EventSerializerTests
{
    private static readonly EventSerializer Serializer = new EventSerializerBuilder()
        .Add<SessionCreated>("session-created.v1")
        .Add<MessageAppended>("message-appended.v1")
        .Build();

    [Fact]
    public void Serialize_RegisteredEvent_UsesManifestAndCamelCaseJson()
    {
        var created = new SessionCreated("s-1", "gpt", 3);

        var (manifest, payload) = Serializer.Serialize(created);

        Assert.Equal("session-created.v1", manifest);
        Assert.Equal("""{"sessionId":"s-1","modelName":"gpt","maxTurns":3}""", payload);
    }

    [Fact]
    public void Deserialize_SerializedEvents_RoundTripToEqualValues()
    {
        object[] events = [new SessionCreated("s-1", "gpt", 3), new MessageAppended("s-1", "héllo 😀 漢字", ["a", "b"])];

        var roundTripped = events.Select(e => Serializer.Serialize(e)).Select(s => Serializer.Deserialize(s.Manifest, s.Payload)).ToArray();

        Assert.Equal(events[0], roundTripped[0]);
        var message = Assert.IsType<MessageAppended>(roundTripped[1]);
        Assert.Equal("héllo 😀 漢字", message.Text);
        Assert.Equal(["a", "b"], message.Tags);
    }

    [Fact]
    public void Deserialize_UnknownManifest_ThrowsUnknownManifestNamingIt()
    {
        var error = Assert.Throws<UnknownManifestException>(() => Serializer.Deserialize("session-created.v9", "{}"));

        Assert.Equal("session-created.v9", error.Manifest);
        Assert.Contains("session-created.v9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_UnregisteredType_ThrowsInvalidOperationNamingTheType()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Serializer.Serialize(new NotRegistered(1)));

        Assert.Contains(typeof(NotRegistered).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_SubtypeOfRegisteredType_ThrowsBecauseOnlyExactTypesAreRegistered()
    {
        var serializer = new EventSerializerBuilder().Add<BaseEvent>("base.v1").Build();

        Assert.Throws<InvalidOperationException>(() => serializer.Serialize(new DerivedEvent()));
    }

    [Fact]
    public void Build_DuplicateManifest_ThrowsArgumentException()
    {
        var builder = new EventSerializerBuilder().Add<SessionCreated>("same.v1");

        var error = Assert.Throws<ArgumentException>(() => builder.Add<MessageAppended>("same.v1"));

        Assert.Contains("same.v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DuplicateType_ThrowsArgumentException()
    {
        var builder = new EventSerializerBuilder().Add<SessionCreated>("a.v1");

        var error = Assert.Throws<ArgumentException>(() => builder.Add<SessionCreated>("b.v1"));

        Assert.Contains(nameof(SessionCreated), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_PayloadNotMatchingType_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => Serializer.Deserialize("session-created.v1", "[1,2]"));
    }

    [Fact]
    public void Deserialize_NullPayload_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => Serializer.Deserialize("session-created.v1", "null"));
    }

    public sealed record SessionCreated(string SessionId, string ModelName, int MaxTurns);

    public sealed record MessageAppended(string SessionId, string Text, IReadOnlyList<string> Tags);

    public sealed record NotRegistered(int Value);

    public record BaseEvent;

    public sealed record DerivedEvent : BaseEvent;
}
