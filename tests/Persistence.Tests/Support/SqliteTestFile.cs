namespace JidoSessions.Persistence.Tests.Support;

/// <summary>A database path in a fresh temporary directory, removed with its WAL and SHM files by <see cref="Delete"/>.</summary>
internal sealed class SqliteTestFile
{
    private readonly string _directory =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "jido-persistence-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestFile()
    {
        System.IO.Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "store.db");
    }

    public string Path { get; }

    public void Delete()
    {
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }
}
