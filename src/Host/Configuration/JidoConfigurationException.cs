namespace JidoSessions.Host.Configuration;

/// <summary>
/// The configuration is invalid; the host does not start. Each error names the key, the bad value and
/// where it came from, e.g. <c>jido:sessions:idle-timeout = 'abc' is not a duration (hocon/jido.conf:12:18)</c>.
/// </summary>
public sealed class JidoConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    /// <summary>One line per invalid key.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
