namespace JidoSessions.Host.Configuration.Hocon;

/// <summary>
/// A place in a HOCON source: the file (or source name) as it was given, and a 1-based line and column.
/// </summary>
/// <param name="File">The path of the file as given to the loader (or the source name of an in-memory text).</param>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Column">The 1-based column, counted in UTF-16 code units; a tab counts as one column.</param>
public readonly record struct HoconPosition(string File, int Line, int Column)
{
    /// <summary>Formats the position as <c>file:line:column</c>, the form compilers and editors recognise.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
