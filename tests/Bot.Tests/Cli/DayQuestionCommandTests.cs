namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Questions about a day or a range and follow-ups, through the real executable over the sample corpus's real API
/// days (2026-03-10 to 2026-03-23): what a newcomer tried (issue 26 rows 9, 11, 13, 14, 23).
/// </summary>
public sealed class DayQuestionCommandTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task A_question_that_only_asks_what_was_featured_lists_the_day()
    {
        var result = await _bot.RunAsync("ask", "What papers were featured?", "--date", "2026-03-13", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("answered", result.Json.GetProperty("outcome").GetString());
        Assert.Contains("The papers on 2026-03-13, most upvoted first:", result.Json.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal(10, result.Json.GetProperty("papers").GetArrayLength());
        Assert.Contains(result.Json.GetProperty("notices").EnumerateArray(), n => n.GetString()!.StartsWith("10 of the 36 papers on 2026-03-13", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_day_without_papers_names_the_nearest_days()
    {
        var result = await _bot.RunAsync("ask", "Which papers on diffusion?", "--date", "2026-03-14");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("No papers were featured on 2026-03-14. The nearest days with papers: 2026-03-11 (Wed), 2026-03-12 (Thu), 2026-03-13 (Fri), 2026-03-16 (Mon), 2026-03-17 (Tue).", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_says_how_many_of_its_matching_papers_it_shows_and_each_quotes_the_sentence_on_the_topic()
    {
        var result = await _bot.RunAsync("ask", "Which papers on agents were featured?", "--from", "2026-03-10", "--to", "2026-03-23");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"The 10 best of the \d{2,} papers from 2026-03-10 to 2026-03-23 that use the question's words are shown", result.Stderr);
        var bullets = result.Stdout.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, bullets.Count);
        Assert.All(bullets, b => Assert.Contains("agent", b[(b.IndexOf(": ", StringComparison.Ordinal) + 2)..], StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Follow_ups_in_the_chat_stay_on_the_paper_in_discussion()
    {
        var result = await _bot.RunWithInputAsync("What is XSkill?\nHow does it reuse what it learned?\nand which tasks did they evaluate it on?\nWhy?\n", "chat");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Every answer's first source is the paper the first question named.
        var firstSources = result.Stdout.Split("Sources:\n").Skip(1).Select(s => s.Split('\n')[0]).ToList();
        Assert.Equal(4, firstSources.Count);
        Assert.All(firstSources, s => Assert.StartsWith("[1] XSkill", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trending_lists_a_periods_most_upvoted_papers_in_the_cli_and_the_chat()
    {
        var json = await _bot.RunAsync("papers", "--trending", "--from", "2026-03-10", "--to", "2026-03-23", "--top", "5", "--json");
        var chat = await _bot.RunWithInputAsync("/trending week\n", "chat");
        var misuse = await _bot.RunAsync("papers", "--top", "5");

        Assert.True(json.ExitCode == 0, json.ToString());
        // The ten API days hold 244 papers; saved pages dated in that range add a few.
        Assert.InRange(json.Json.GetProperty("total").GetInt32(), 244, 300);
        var upvotes = json.Json.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("upvotes").GetInt32()).ToList();
        Assert.Equal(5, upvotes.Count);
        Assert.Equal(upvotes.OrderDescending(), upvotes);
        Assert.Contains("Trending 2026-03-17 to 2026-03-23: the 10 most upvoted papers of ", chat.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, misuse.ExitCode);
        Assert.Contains("--top go with --trending", misuse.Stderr, StringComparison.Ordinal);
    }
}
