namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Digests and extractive answers quote real abstracts in clean sentences: one sentence per bullet, not cut at
/// "(Sec.", LaTeX escapes resolved, and each paper's title spelled one way.
/// </summary>
public sealed class AbstractTextTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task The_digest_of_a_real_day_quotes_whole_clean_sentences()
    {
        await Ingest("2025-09-30.json");

        var result = await _bot.RunAsync("summarize", "--date", "2025-09-30", "--no-model", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var digest = result.Json.GetProperty("digest").GetString()!;
        Assert.Contains("exploration and exploitation could be decoupled (Sec. 4). [", digest, StringComparison.Ordinal);
        Assert.Contains("RoboBrain2.0-Euclid-7B achieves 49.6% accuracy, surpassing the previous state-of-the-art model, Spatial-MLLM. [", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("\\%", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_title_is_spelled_one_way_in_the_digest_and_the_paper()
    {
        await Ingest("2025-07-07.json");

        var digest = await _bot.RunAsync("summarize", "--date", "2025-07-07", "--no-model", "--json");
        var show = await _bot.RunAsync("show", "2507.01853", "--json");

        const string Title = "Eka-Eval: A Comprehensive Evaluation Framework for Large Language Models in Indian Languages";
        Assert.Equal(Title, show.Json.GetProperty("title").GetString());
        Assert.Contains($"- {Title}: ", digest.Json.GetProperty("digest").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("Eka-Eval :", digest.Stdout + show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extractive_answer_quotes_a_sentence_that_starts_in_lower_case_alone()
    {
        await Ingest("2025-02-07.json");

        var result = await _bot.RunAsync("ask", "What does o1 generate before answering a question?", "--no-model");

        Assert.True(result.ExitCode == 0, result.ToString());
        var bullets = result.Stdout.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        // The sentence starts its bullet (the sentence after it may follow: the answer often comes next).
        Assert.Contains(bullets, b => b.StartsWith("- o1 generates a long chain-of-thought (LongCoT) before answering a question.", StringComparison.Ordinal));
        Assert.DoesNotContain(bullets, b => b.Contains("capabilities. o1", StringComparison.Ordinal));
    }

    private async Task Ingest(string day)
    {
        var result = await _bot.RunAsync("ingest", TestPaths.HfArchive(day));
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
