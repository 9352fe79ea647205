using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Tests.Llm;

// Captures formatted log lines of every category at or above a minimum level, so tests can check what would reach
// a real sink.
internal sealed class ListLoggerFactory(LogLevel minimumLevel) : ILoggerFactory
{
    private readonly LogLevel _minimumLevel = minimumLevel;
    private readonly Lock _gate = new();
    private readonly List<(string Category, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private void Add(string category, LogLevel level, string message)
    {
        lock (_gate)
        {
            _entries.Add((category, level, message));
        }
    }

    private sealed class ListLogger(ListLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimumLevel;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add(category, logLevel, formatter(state, exception));
            }
        }
    }
}
