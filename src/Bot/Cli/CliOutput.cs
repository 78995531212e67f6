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

    /// <summary>The width of a console that is not a terminal: wide enough that nothing wraps.</summary>
    public const int UnwrappedWidth = 4096;

    /// <summary>Results for people: tables, panels.</summary>
    public IAnsiConsole Results { get; } = results;

    /// <summary>Progress and messages: stderr, so that piping stdout stays clean.</summary>
    public IAnsiConsole Status { get; } = status;

    public static CliOutput ForConsole()
    {
        var status = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            // Spectre's own detection also asks whether stdout is redirected: progress on a terminal's stderr
            // must not disappear because the results go to a file.
            Interactive = StatusIsInteractive(Console.IsErrorRedirected),
        });
        var results = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        foreach (var (console, redirected) in new[] { (status, Console.IsErrorRedirected), (results, Console.IsOutputRedirected) })
        {
            if (redirected)
            {
                // Spectre wraps at 80 columns when it cannot ask a terminal: in a pipe or a file a message stays one
                // line and a table keeps its natural width (see FillTerminal).
                console.Profile.Width = UnwrappedWidth;
            }
        }

        return new(results, status, Console.Out);
    }

    /// <summary>Progress bars and spinners on stderr exactly when stderr is a terminal, whatever stdin and stdout are.</summary>
    public static InteractionSupport StatusIsInteractive(bool stderrRedirected) => stderrRedirected ? InteractionSupport.No : InteractionSupport.Yes;

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

    /// <summary>
    /// <paramref name="widget"/> filling the width of <paramref name="console"/> when it is a terminal; in a pipe or a
    /// file (no width to fill) it keeps its natural width.
    /// </summary>
    public static T FillTerminal<T>(T widget, IAnsiConsole console)
        where T : IExpandable
    {
        widget.Expand = console.Profile.Out.IsTerminal;
        return widget;
    }
}
