using Microsoft.Extensions.Logging;

namespace JidoSessions.Actors.Tests.Llm;

// Captures formatted log lines at or above a minimum level, so tests can check what would reach a real sink.
internal sealed class ListLogger(LogLevel minimumLevel) : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (_gate)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
