using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace PaperBot.Bot.Cli;

/// <summary>
/// The two streams a command writes to: results on stdout (a Spectre console, or one JSON document), and
/// progress, hints and errors on stderr.
/// </summary>
public sealed class CliOutput(IAnsiConsole results, IAnsiConsole status, TextWriter rawOut)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Results for people: tables, panels.</summary>
    public IAnsiConsole Results { get; } = results;

    /// <summary>Progress and messages: stderr, so that piping stdout stays clean.</summary>
    public IAnsiConsole Status { get; } = status;

    public static CliOutput ForConsole()
    {
        var status = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            // Spectre wraps at 80 columns when it cannot ask a terminal: a logged or piped message stays one line.
            status.Profile.Width = 4096;
        }

        return new(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }), status, Console.Out);
    }

    /// <summary>Writes <paramref name="document"/> as the command's one JSON document on stdout.</summary>
    public void WriteJson(object document)
    {
        rawOut.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
        rawOut.Flush();
    }

    /// <summary>Writes plain text on stdout without markup processing.</summary>
    public void WriteText(string text) => rawOut.WriteLine(text);

    /// <summary>Writes a piece of streamed text on stdout as is (no markup, no wrapping) and flushes it at once.</summary>
    public void WriteRaw(string text)
    {
        rawOut.Write(text);
        rawOut.Flush();
    }

    public void Error(string message) => Status.MarkupLineInterpolated($"[red]error:[/] {message}");

    public void Warning(string message) => Status.MarkupLineInterpolated($"[yellow]warning:[/] {message}");
}
