namespace JidoSessions.Persistence.Postgres;

/// <summary>Settings of a <see cref="PostgresStore"/>.</summary>
/// <param name="ConnectionString">An Npgsql connection string.</param>
/// <param name="Schema">
/// The schema holding the store's tables, created if missing: lowercase letters, digits and underscores, not starting
/// with a digit. Distinct schemas are fully independent stores in one database.
/// </param>
/// <param name="MaxBatchSize">The most operations the writer commits in one transaction.</param>
public sealed record PostgresStoreOptions(string ConnectionString, string Schema = "public", int MaxBatchSize = 1000)
{
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        if (!IsPlainIdentifier(Schema))
        {
            throw new ArgumentException(
                $"Schema '{Schema}' must be 1-63 lowercase letters, digits or underscores, not starting with a digit.",
                nameof(Schema));
        }
    }

    // Restricting the name keeps it safe to splice into SQL and equal to how PostgreSQL folds an unquoted identifier.
    private static bool IsPlainIdentifier(string? name) =>
        name is { Length: > 0 and <= 63 }
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
