using System.Collections.Frozen;
using System.Text.Json;

namespace JidoSessions.Persistence.Serialization;

/// <summary>
/// Serializes events to JSON (System.Text.Json, camelCase property names; dictionary keys are kept exactly as
/// they are, since they are data) with an explicit manifest per type, and back.
/// Create it with <see cref="EventSerializerBuilder"/>. Thread-safe.
/// </summary>
public sealed class EventSerializer
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private readonly FrozenDictionary<string, Type> _typesByManifest;
    private readonly FrozenDictionary<Type, string> _manifestsByType;

    internal EventSerializer(IDictionary<string, Type> typesByManifest, IDictionary<Type, string> manifestsByType)
    {
        _typesByManifest = typesByManifest.ToFrozenDictionary(StringComparer.Ordinal);
        _manifestsByType = manifestsByType.ToFrozenDictionary();
    }

    /// <summary>The registered types.</summary>
    public IEnumerable<Type> Types => _manifestsByType.Keys;

    /// <summary>The manifest of a registered type, or null.</summary>
    public string? ManifestOf(Type type) => _manifestsByType.TryGetValue(type, out var manifest) ? manifest : null;

    /// <summary>The registered manifests.</summary>
    public IEnumerable<string> Manifests => _typesByManifest.Keys;

    /// <summary>Serializes <paramref name="event"/> under the manifest registered for its exact runtime type.</summary>
    /// <exception cref="InvalidOperationException">The event's type is not registered.</exception>
    public (string Manifest, string Payload) Serialize(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (!_manifestsByType.TryGetValue(type, out var manifest))
        {
            throw new InvalidOperationException(
                $"Type {type.FullName} is not registered with the EventSerializer; " +
                $"register it with EventSerializerBuilder.Add<{type.Name}>(manifest).");
        }

        return (manifest, JsonSerializer.Serialize(@event, type, JsonOptions));
    }

    /// <summary>Deserializes <paramref name="payload"/> into the type registered for <paramref name="manifest"/>.</summary>
    /// <exception cref="UnknownManifestException">No type is registered for the manifest.</exception>
    /// <exception cref="JsonException">The payload is not valid JSON for the registered type.</exception>
    public object Deserialize(string manifest, string payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(payload);
        if (!_typesByManifest.TryGetValue(manifest, out var type))
        {
            throw new UnknownManifestException(manifest);
        }

        return JsonSerializer.Deserialize(payload, type, JsonOptions)
            ?? throw new JsonException($"Payload of manifest '{manifest}' is JSON null, which is never a valid event.");
    }
}
