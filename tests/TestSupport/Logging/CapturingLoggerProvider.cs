using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PaperBot.TestSupport.Logging;

/// <summary>Keeps every log line, at every level, with its exception text, so tests can search all output.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _lines = new();

    public IReadOnlyList<CapturedLog> Lines => [.. _lines];

    /// <summary>Every line as text, one a line: for checking that something appears nowhere.</summary>
    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Structured values too: a token passed as an argument but left out of the template would still leak to sinks.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue(new CapturedLog(logLevel, category, $"{formatter(state, exception)} [{values}]", exception?.ToString()));
        }
    }
}
