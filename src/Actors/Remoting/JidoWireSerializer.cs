using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using JidoSessions.Actors.Keys;
using JidoSessions.Actors.Sessions;
using JidoSessions.Actors.Support;
using JidoSessions.Client;

namespace JidoSessions.Actors.Remoting;

/// <summary>
/// Akka serializer for the messages that cross nodes (<see cref="WireManifests"/>): System.Text.Json with an explicit
/// manifest per type, never type names. An envelope carries its payload's manifest beside the payload; actor refs
/// travel as their serialized paths; a <see cref="FailureReply"/> keeps its exception's code and typed members.
/// </summary>
internal sealed class JidoWireSerializer : SerializerWithStringManifest
{
    /// <summary>Akka serializer id (user range; the persistence serializer is 7301).</summary>
    public const int Id = 7302;

    private static readonly FrozenDictionary<string, (Type Bound, Type ReadAs)> ByManifest =
        WireManifests.All.ToFrozenDictionary(e => e.Manifest, e => (e.Bound, e.ReadAs), StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<Type, (string Manifest, Type Bound)?> ByType = new();

    private readonly JsonSerializerOptions _options;

    public JidoWireSerializer(ExtendedActorSystem system)
        : base(system) =>
        _options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Converters = { new ActorRefConverter(system) },
        };

    /// <summary>The types this serializer is bound to.</summary>
    public static IEnumerable<Type> BoundTypes => WireManifests.All.Select(e => e.Bound);

    public override int Identifier => Id;

    public override string Manifest(object o) => Find(o).Manifest;

    public override byte[] ToBinary(object obj) => obj switch
    {
        SessionEnvelope e => JsonSerializer.SerializeToUtf8Bytes(new SessionEnvelopeWire(e.Tenant, e.SessionId, Manifest(e.Payload), ToElement(e.Payload)), _options),
        KeyEnvelope e => JsonSerializer.SerializeToUtf8Bytes(new KeyEnvelopeWire(e.Tenant, e.Key, Manifest(e.Payload), ToElement(e.Payload)), _options),
        FailureReply f => JsonSerializer.SerializeToUtf8Bytes(FailureWire.Of(f.Error), _options),
        _ => JsonSerializer.SerializeToUtf8Bytes(obj, Find(obj).Bound, _options),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!ByManifest.TryGetValue(manifest, out var entry))
        {
            throw new SerializationException($"'{manifest}' is not a JidoSessions wire manifest; the sending node runs a version this one does not know.");
        }

        if (entry.Bound == typeof(SessionEnvelope))
        {
            var e = Read<SessionEnvelopeWire>(bytes, manifest);
            return new SessionEnvelope(e.Tenant, e.SessionId, FromElement(e.Payload, e.Manifest));
        }

        if (entry.Bound == typeof(KeyEnvelope))
        {
            var e = Read<KeyEnvelopeWire>(bytes, manifest);
            return new KeyEnvelope(e.Tenant, e.Key, FromElement(e.Payload, e.Manifest));
        }

        if (entry.Bound == typeof(FailureReply))
        {
            return new FailureReply(Read<FailureWire>(bytes, manifest).ToException());
        }

        return JsonSerializer.Deserialize(bytes, entry.ReadAs, _options)
            ?? throw new SerializationException($"The payload of '{manifest}' is JSON null.");
    }

    private T Read<T>(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize<T>(bytes, _options) ?? throw new SerializationException($"The payload of '{manifest}' is JSON null.");

    private static (string Manifest, Type Bound) Find(object o) =>
        ByType.GetOrAdd(o.GetType(), static type =>
            WireManifests.All.FirstOrDefault(e => e.Bound.IsAssignableFrom(type)) is { Manifest: not null } e ? (e.Manifest, e.Bound) : null)
        ?? throw new ArgumentException($"{o.GetType().FullName} has no JidoSessions wire manifest; add it to WireManifests.", nameof(o));

    private JsonElement ToElement(object payload) => JsonSerializer.SerializeToElement(payload, Find(payload).Bound, _options);

    private object FromElement(JsonElement payload, string manifest) =>
        ByManifest.TryGetValue(manifest, out var entry)
            ? payload.Deserialize(entry.ReadAs, _options) ?? throw new SerializationException($"The payload of '{manifest}' is JSON null.")
            : throw new SerializationException($"'{manifest}' is not a JidoSessions wire manifest; the sending node runs a version this one does not know.");

    private sealed record SessionEnvelopeWire(TenantId Tenant, SessionId SessionId, string Manifest, JsonElement Payload);

    private sealed record KeyEnvelopeWire(TenantId Tenant, SessionKey Key, string Manifest, JsonElement Payload);

    /// <summary>An actor ref as its full serialized path (with the sending node's address), resolved on arrival.</summary>
    private sealed class ActorRefConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
    {
        public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            system.Provider.ResolveActorRef(reader.GetString() ?? throw new JsonException("An actor ref must be a path string."));

        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
    }
}
