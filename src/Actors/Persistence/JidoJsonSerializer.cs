using System.Text;
using Akka.Actor;
using Akka.Serialization;
using JidoSessions.Persistence.Serialization;

namespace JidoSessions.Actors.Persistence;

/// <summary>
/// Akka serializer for everything the session system persists: System.Text.Json with one explicit, versioned manifest
/// per type (see <see cref="EventSerializer"/>), never type names, so renaming a class cannot break stored data.
/// Bound to exactly the registered types.
/// </summary>
internal sealed class JidoJsonSerializer(ExtendedActorSystem system, EventSerializer registry) : SerializerWithStringManifest(system)
{
    /// <summary>Akka serializer id (user range).</summary>
    public const int Id = 7301;

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        registry.ManifestOf(o.GetType()) ?? throw new ArgumentException($"{o.GetType().FullName} has no manifest registered with the JidoSessions serializer.", nameof(o));

    public override byte[] ToBinary(object obj) => Encoding.UTF8.GetBytes(registry.Serialize(obj).Payload);

    public override object FromBinary(byte[] bytes, string manifest) => registry.Deserialize(manifest, Encoding.UTF8.GetString(bytes));
}
