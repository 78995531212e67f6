using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace PaperBot.Bot.Cli;

/// <summary>
/// The console log format: one line per entry, "warn: Category[id] message" as the simple formatter's single-line
/// mode writes it, but with an exception reduced to its type and message ("(HttpRequestException: Connection
/// refused)"): a network failure retried every few seconds must not fill stderr with stack traces. With
/// PAPERBOT_DEBUG=1 the whole exception follows, stack trace included.
/// </summary>
public sealed class OneLineConsoleFormatter(bool withStackTraces) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "paperbot-one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var exception = logEntry.Exception;
        if (string.IsNullOrEmpty(message) && exception is null)
        {
            return;
        }

        textWriter.Write($"{Level(logEntry.LogLevel)}: {logEntry.Category}[{logEntry.EventId.Id}] {OneLine(message ?? "")}");
        if (exception is not null)
        {
            textWriter.Write(withStackTraces ? " " + OneLine(exception.ToString()) : $" ({exception.GetType().Name}: {OneLine(exception.Message)})");
        }

        textWriter.Write('\n');
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString().ToLowerInvariant(),
    };
}
