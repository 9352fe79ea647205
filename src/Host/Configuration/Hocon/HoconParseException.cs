namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// Thrown when a HOCON source cannot be read: a syntax error, a missing required include, an include cycle,
/// an unresolvable substitution or a substitution cycle. The message starts with <c>file:line:column:</c>.
/// </summary>
/// <param name="position">Where the problem was found.</param>
/// <param name="reason">What is wrong, without the location (it is prefixed to <see cref="Exception.Message"/>).</param>
/// <param name="innerException">The underlying failure, for example an I/O error reading an include.</param>
public sealed class HoconParseException(HoconPosition position, string reason, Exception? innerException = null)
    : FormatException($"{position}: {reason}", innerException)
{
    /// <summary>Where the problem was found.</summary>
    public HoconPosition Position { get; } = position;

    /// <summary>The file (or source name) in which the problem was found.</summary>
    public string File => Position.File;

    /// <summary>The 1-based line of the problem.</summary>
    public int Line => Position.Line;

    /// <summary>The 1-based column of the problem.</summary>
    public int Column => Position.Column;

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Reason { get; } = reason;
}
