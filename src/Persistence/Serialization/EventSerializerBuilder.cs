namespace JidoSessions.Persistence.Serialization;

/// <summary>
/// Builds an <see cref="EventSerializer"/> from an explicit registry of event types and their manifests.
/// </summary>
/// <remarks>
/// A manifest names the stored shape of an event for good: when the shape changes incompatibly, register the new
/// type under a new manifest (e.g. <c>session-created.v2</c>) and keep the old one readable.
/// </remarks>
public sealed class EventSerializerBuilder
{
    private readonly Dictionary<string, Type> _typesByManifest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _manifestsByType = [];

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The manifest is empty or already registered, or <typeparamref name="T"/> is already registered.
    /// </exception>
    public EventSerializerBuilder Add<T>(string manifest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        if (_typesByManifest.TryGetValue(manifest, out var existingType))
        {
            throw new ArgumentException(
                $"Manifest '{manifest}' is already registered for {existingType.FullName}.", nameof(manifest));
        }

        if (_manifestsByType.TryGetValue(typeof(T), out var existingManifest))
        {
            throw new ArgumentException(
                $"Type {typeof(T).FullName} is already registered under manifest '{existingManifest}'.", nameof(manifest));
        }

        _typesByManifest.Add(manifest, typeof(T));
        _manifestsByType.Add(typeof(T), manifest);
        return this;
    }

    /// <summary>Creates the serializer. Later changes to this builder do not affect it.</summary>
    public EventSerializer Build() => new(_typesByManifest, _manifestsByType);
}
