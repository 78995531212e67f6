using System.Text.RegularExpressions;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Rag.Answering;
using Spectre.Console;

namespace PaperBot.Bot.Chat;

/// <summary>
/// Where the chat writes. In a terminal: colours, the answer streamed with word wrapping and then redrawn with
/// its checked citations highlighted. Otherwise (input or output redirected): plain text, no markup, no
/// redraws, the checked answer written once — scriptable. Results go to <paramref name="results"/>; banner,
/// hints, errors and statistics to <paramref name="status"/>.
/// </summary>
public sealed partial class ChatView(IAnsiConsole results, IAnsiConsole status, TextWriter rawOut, bool interactive)
{
    private WordWrapWriter? _stream;

    public bool Interactive { get; } = interactive;

    public IAnsiConsole Results { get; } = results;

    public IAnsiConsole Status { get; } = status;

    public void Banner(string mode, string index)
    {
        Status.MarkupLineInterpolated($"[bold]PaperBot chat[/] · {mode}");
        Status.MarkupLineInterpolated($"[grey]{index} · /help for commands · {(Interactive ? "Ctrl+C stops an answer, Ctrl+D exits" : "one question per line")}[/]");
    }

    public void Prompt(DateOnly? day)
    {
        if (Interactive)
        {
            Results.Markup(day is { } d ? $"[blue]{d:yyyy-MM-dd}[/] [bold blue]>[/] " : "[bold blue]>[/] ");
        }
    }

    /// <summary>In plain mode the input is not on screen: the question is repeated so that the output reads as a transcript.</summary>
    public void Echo(string input)
    {
        if (!Interactive)
        {
            rawOut.WriteLine("> " + input.Replace("\n", "\n  ", StringComparison.Ordinal));
        }
    }

    public void BeginAnswer() => _stream = Interactive ? new WordWrapWriter(rawOut, Math.Max(20, Results.Profile.Width - 1)) : null;

    public void Delta(string text) => _stream?.Write(text);

    public void Answer(AnswerResult result)
    {
        if (Interactive)
        {
            var lines = EndStream();
            // Redraw in place, highlighted, when the streamed text is still on screen. One taller than the screen
            // stays as streamed: its citations were checked and numbered as the sources while it streamed.
            if (lines == 0)
            {
                Results.MarkupLine(Highlight(result.Answer));
            }
            else if (lines < Results.Profile.Height - 1)
            {
                rawOut.Write($"\u001b[{lines}A\r\u001b[J");
                Results.MarkupLine(Highlight(result.Answer));
            }

            if (result.SourcesText.Length > 0)
            {
                Results.WriteLine();
                Results.MarkupLineInterpolated($"[grey]{result.SourcesText}[/]");
            }
        }
        else
        {
            rawOut.WriteLine(result.Answer);
            if (result.SourcesText.Length > 0)
            {
                rawOut.WriteLine();
                rawOut.WriteLine(result.SourcesText);
            }
        }

        Notices(result.Notices);
        rawOut.WriteLine();
        rawOut.Flush();
    }

    /// <summary>An answer stopped by Ctrl+C: what was written so far stays, marked as cut.</summary>
    public void Cancelled(string partial)
    {
        EndStream();
        if (!Interactive && partial.Length > 0)
        {
            rawOut.WriteLine(partial);
        }

        Results.MarkupLine("[yellow](cancelled)[/]");
        rawOut.WriteLine();
    }

    /// <summary>An answer the model could not finish: the partial text (if any) and why, then the prompt again.</summary>
    public void Failed(string partial, string reason)
    {
        EndStream();
        if (!Interactive && partial.Length > 0)
        {
            rawOut.WriteLine(partial);
        }

        Error(reason);
        rawOut.WriteLine();
    }

    public void Notices(IEnumerable<string> notices)
    {
        foreach (var notice in notices)
        {
            Status.MarkupLineInterpolated($"[grey]note: {notice}[/]");
        }
    }

    public void Stats(AnswerSpeed speed) => Status.MarkupLineInterpolated($"[grey]{speed}[/]");

    public void Hint(string message) => Status.MarkupLineInterpolated($"[yellow]{message}[/]");

    public void Error(string message) => Status.MarkupLineInterpolated($"[red]error:[/] {message}");

    public void Info(string message) => Status.MarkupLineInterpolated($"[grey]{message}[/]");

    /// <summary>Text that is not an answer (a digest): written as is, wrapped by the console.</summary>
    public void Text(string text)
    {
        if (Interactive)
        {
            Results.WriteLine(text);
        }
        else
        {
            rawOut.WriteLine(text);
        }

        rawOut.Flush();
    }

    public void Write(Spectre.Console.Rendering.IRenderable renderable) => Results.Write(renderable);

    /// <summary>Ends the streamed text, if any, and says how many line breaks it wrote.</summary>
    public int EndStream()
    {
        if (_stream is null)
        {
            return 0;
        }

        _stream.Finish();
        var lines = _stream.LineBreaks;
        _stream = null;
        return lines;
    }

    private static string Highlight(string answer) => Citation().Replace(Markup.Escape(answer), m => $"[cyan]{m.Value}[/]");

    /// <summary>[1] or [1, 3] as escaped by Markup.Escape ([[1]]).</summary>
    [GeneratedRegex(@"\[\[\d+(?:,\s*\d+)*\]\]")]
    private static partial Regex Citation();
}
