using System.Diagnostics;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// A binary away from the repository: published, it brings the sample corpus and answers the README's question;
/// run where there is no sample corpus, a command that reads papers says the index is empty and how to fill it,
/// instead of "not covered".
/// </summary>
public sealed class EmptyIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reading_commands_on_an_index_left_empty_say_so_and_how_to_fill_it()
    {
        using var bot = new PaperBotProcess();
        var missing = Path.Combine(bot.Workspace, "no-seed");
        bot.Environment["PAPERBOT_Data__SeedDirectory"] = missing;

        string[][] reading =
        [
            ["ask", "How many multiple choice questions does SEED-Bench have?", "--no-model"], ["search", "diffusion"], ["papers"],
            ["summarize", "--no-model"], ["show", "2307.16125"],
        ];
        foreach (var command in reading)
        {
            var result = await bot.RunAsync(command);

            Assert.True(result.ExitCode == 2, $"{string.Join(' ', command)}: {result}");
            var error = Assert.Single(result.ErrorLines);
            Assert.Equal($"error: the index at {bot.DatabasePath} is empty: ingest your files with 'paperbot ingest PATH' or fetch days with 'paperbot sync' "
                + $"(the sample corpus that fills a new index is not at {missing}; set Data:SeedDirectory to it)", error);
            CliAssert.NoStackTrace(result);
        }

        var stats = await bot.RunAsync("stats", "--json");
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Equal(0, stats.Json.GetProperty("papers").GetInt64());
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task The_published_binary_run_from_another_folder_answers_the_readme_question_from_its_sample_corpus()
    {
        var published = _folder.File("pub");
        var configuration = new DirectoryInfo(Path.GetDirectoryName(PaperBotProcess.Executable)!).Parent!.Name;
        var publish = await Run("dotnet", TestPaths.RepoRoot,
            "publish", Path.Combine(TestPaths.RepoRoot, "src", "Bot"), "--no-build", "-c", configuration, "-o", published, "--disable-build-servers");
        Assert.True(publish.ExitCode == 0, publish.ToString());

        var elsewhere = Directory.CreateDirectory(_folder.File("elsewhere")).FullName;
        var ask = await Run(Path.Combine(published, "paperbot"), elsewhere, "ask", "How many multiple choice questions does SEED-Bench have?", "--no-model");

        Assert.True(ask.ExitCode == 0, ask.ToString());
        Assert.Contains("SEED-Bench consists of 19K multiple choice questions", ask.Stdout, StringComparison.Ordinal);
        Assert.Contains("[1] SEED-Bench: Benchmarking Multimodal LLMs with Generative Comprehension", ask.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(published, "data", "paperbot.db")), "the published binary's index is not beside it");
    }

    private static async Task<CliResult> Run(string executable, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
