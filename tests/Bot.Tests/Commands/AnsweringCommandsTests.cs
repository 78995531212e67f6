using System.Text.Json;
using PaperBot.Bot.Cli;

namespace PaperBot.Bot.Tests.Commands;

/// <summary>
/// ask, summarize and eval run through the real command line, host and index (the sample corpus in a temp data
/// folder). One class, so the redirected console is never shared between tests running in parallel.
/// </summary>
public sealed class AnsweringCommandsTests : IClassFixture<AnsweringCommandsTests.DataFolder>
{
    public AnsweringCommandsTests(DataFolder folder) => _ = folder;

    [Fact]
    public async Task Ask_json_gives_the_answer_its_mode_citations_papers_and_timings()
    {
        var (code, output) = await RunAsync("ask", "How many image-text pairs does the LAION-5B dataset contain?", "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("extractive", root.GetProperty("mode").GetString());
        Assert.Contains("5.85 billion", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("LAION-5B", root.GetProperty("citations")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, root.GetProperty("dropped_citations").GetInt32());
        Assert.True(root.GetProperty("papers").GetArrayLength() > 0);
        Assert.True(root.GetProperty("timings").GetProperty("total_ms").GetDouble() > 0);
    }

    [Theory]
    [InlineData("ask", "  ")]
    [InlineData("ask", "flows", "--date", "2025-02-30")]
    [InlineData("ask", "flows", "--date", "2025-02-03", "--from", "2025-01-01")]
    public async Task User_mistakes_exit_with_code_2(params string[] args)
    {
        var (code, _) = await RunAsync(args);

        Assert.Equal(ExitCodes.InputError, code);
    }

    [Fact]
    public async Task Summarize_a_day_without_papers_lists_the_nearest_days()
    {
        var (code, output) = await RunAsync("summarize", "--date", "2099-01-01", "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("paper_count").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("nearest_days").GetArrayLength());
    }

    [Fact]
    public async Task Eval_reports_recall_and_mrr_over_the_dev_set()
    {
        var (code, output) = await RunAsync("eval", Path.Combine(DataFolder.RepoRoot, "eval", "dev.jsonl"), "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("recall_at_5").GetDouble() >= 0.85);
        Assert.True(json.RootElement.GetProperty("mrr").GetDouble() >= 0.9);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var code = await PaperBotCli.Build().Parse(args).InvokeAsync();
            return (code, captured.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>Points the commands' Data:Directory at a temp folder for the class, and removes it after.</summary>
    public sealed class DataFolder : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "paperbot-bot-tests", Guid.NewGuid().ToString("N"));

        public DataFolder()
        {
            // The content root is the test's output folder (it has appsettings.json): data and seed are set absolute.
            Environment.SetEnvironmentVariable("PAPERBOT_Data__Directory", _path);
            Environment.SetEnvironmentVariable("PAPERBOT_Data__SeedDirectory", Path.Combine(RepoRoot, "data", "seed"));
        }

        public static string RepoRoot
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "PaperBot.slnx")))
                    {
                        return dir.FullName;
                    }
                }

                throw new InvalidOperationException("repository root not found");
            }
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("PAPERBOT_Data__Directory", null);
            Environment.SetEnvironmentVariable("PAPERBOT_Data__SeedDirectory", null);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_path, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleanup takes it later.
            }
        }
    }
}
