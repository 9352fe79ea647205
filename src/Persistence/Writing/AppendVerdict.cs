namespace JidoSessions.Persistence.Writing;

/// <summary>What <see cref="AppendPlanner.Evaluate"/> decided about one append.</summary>
internal enum AppendVerdict
{
    /// <summary>Write it; the database's unique constraint has the last word.</summary>
    Proceed,

    /// <summary>The highest stored sequence nr must be read from the database first.</summary>
    Unknown,

    /// <summary>Certainly a gap or a conflict; nothing may be written.</summary>
    Rejected,
}
