using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PaperBot.Rag.Tests.Corpus;

/// <summary>
/// Adds every formatted log line, at every level, to a queue the test owns, so tests can check what was (and
/// was not) logged. The logger factory owns and disposes the provider itself.
/// </summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<(LogLevel Level, string Category, string Message)> entries) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
    }
}
