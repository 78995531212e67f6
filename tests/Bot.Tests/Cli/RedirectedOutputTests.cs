using System.Diagnostics;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Output that is not a terminal, and a terminal's stderr beside a redirected stdout, as the real executable writes
/// them: tables keep every cell whole in a pipe or a file (no cutting at 80 columns), and the progress bar shows on a
/// terminal's stderr when stdout goes to a file.
/// </summary>
public sealed class RedirectedOutputTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Search_and_papers_tables_keep_every_title_whole_when_redirected()
    {
        var search = await _bot.RunAsync("search", "diffusion", "--top", "5");
        var searchJson = await _bot.RunAsync("search", "diffusion", "--top", "5", "--json");
        var papers = await _bot.RunAsync("papers", "--date", "2026-03-13");
        var papersJson = await _bot.RunAsync("papers", "--date", "2026-03-13", "--json");

        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.True(papers.ExitCode == 0, papers.ToString());
        var titles = Titles(searchJson, "results").Concat(Titles(papersJson, "papers")).ToList();
        Assert.Contains(titles, t => t.Length > 80); // titles that an 80-column table would cut
        Assert.All(Titles(searchJson, "results"), t => Assert.Contains(t, search.Stdout, StringComparison.Ordinal));
        Assert.All(Titles(papersJson, "papers"), t => Assert.Contains(t, papers.Stdout, StringComparison.Ordinal));
        // Natural width, not the 4,096 columns a redirected console is given so that nothing wraps.
        Assert.All(search.Stdout.Split('\n'), l => Assert.True(l.Length < 400, l));
    }

    [Fact]
    public async Task The_eval_table_keeps_each_question_whole_when_redirected()
    {
        var questions = Path.Combine(_bot.Workspace, "questions.jsonl");
        await File.WriteAllLinesAsync(questions, [
            """{"question": "How many image-text pairs does the LAION-5B dataset contain?", "kind": "lookup", "split": "check", "gold_titles": ["LAION-5B: An open large-scale dataset for training next generation image-text models"], "answer_contains": "5.85 billion"}""",
            """{"question": "How many multiple choice questions does SEED-Bench have in all of its evaluation dimensions?", "kind": "lookup", "split": "check", "gold_titles": ["SEED-Bench: Benchmarking Multimodal LLMs with Generative Comprehension"]}""",
        ]);

        var result = await _bot.RunAsync("eval", questions, "--no-model");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("How many image-text pairs does the LAION-5B dataset contain?", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("How many multiple choice questions does SEED-Bench have in all of its evaluation dimensions?", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_shows_its_progress_bar_on_a_terminal_stderr_while_stdout_goes_to_a_file()
    {
        // script(1) runs the command on a pseudo-terminal (stdin, stderr) and records what the terminal shows; the
        // command itself sends stdout to a file.
        var info = _bot.StartInfo("ingest");
        var command = string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList).Select(Quote)) + " > results.txt";
        info.FileName = "script";
        info.ArgumentList.Clear();
        foreach (var argument in (string[])["-q", "-e", "-c", command, "/dev/null"])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["TERM"] = "xterm"; // a terminal Spectre knows, for its progress bar
        using var process = Process.Start(info) ?? throw new InvalidOperationException("script (util-linux) is needed");
        process.StandardInput.Close();
        var terminal = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var shown = await terminal;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{shown}\n{await stderr}");
        Assert.Contains("Ingesting ━", shown, StringComparison.Ordinal); // the bar, not the plain "Ingesting..." line
        Assert.Matches(@"\d+%", shown);
        Assert.DoesNotContain("Ingesting...", shown, StringComparison.Ordinal);
        Assert.Contains("2026-03-23.json", await File.ReadAllTextAsync(Path.Combine(_bot.Workspace, "results.txt")), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Titles(CliResult result, string property) =>
        result.Json.GetProperty(property).EnumerateArray().Select(p => p.GetProperty("title").GetString()!);

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
