namespace JidoSessions.Actors.Llm;

/// <summary>Settings for <see cref="LocalChatClient"/>.</summary>
public sealed record LocalChatClientOptions
{
    /// <summary>
    /// Gets the artificial delay before each word of a reply (measured with the injected <see cref="TimeProvider"/>),
    /// so tests can hold a turn open. Zero (the default) answers at once.
    /// </summary>
    public TimeSpan TokenDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is invalid; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        if (TokenDelay < TimeSpan.Zero || TokenDelay.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException("TokenDelay must be zero or positive and at most int.MaxValue milliseconds.", nameof(TokenDelay));
        }
    }
}
