namespace JidoSessions.Persistence;

/// <summary>
/// Thrown when a stored manifest has no registered type. The payload is never deserialized into a guessed type.
/// </summary>
/// <param name="manifest">The manifest that has no registered type.</param>
public sealed class UnknownManifestException(string manifest)
    : Exception($"No event type is registered for manifest '{manifest}'; register it with EventSerializerBuilder.Add<T>().")
{
    /// <summary>The manifest that has no registered type.</summary>
    public string Manifest { get; } = manifest;
}
