using PaperBot.Bot.Chat;
using PaperBot.Bot.Cli;

namespace PaperBot.Bot.Tests.Chat;

/// <summary>The slash commands, in extractive mode (no model configured).</summary>
public sealed class ChatCommandsTests : IDisposable
{
    private readonly ChatHarness _chat = new(withModel: false);

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task The_banner_says_extractive_mode()
    {
        var (code, output) = await _chat.Run("");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("PaperBot chat · extractive mode", output, StringComparison.Ordinal);
        Assert.Contains("791 papers", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_the_multi_line_rule()
    {
        var (_, output) = await _chat.Run("/help\n");

        Assert.Contains("/summarize [DATE]", output, StringComparison.Ordinal);
        Assert.Contains("end a line with \\ or paste", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/foo", "unknown command /foo — type /help")]
    [InlineData("/search", "usage: /search QUERY")]
    [InlineData("/paper", "usage: /paper ID")]
    [InlineData("/paper 9999.99999", "no paper with id '9999.99999'")]
    [InlineData("/date 2025-02-30", "date '2025-02-30' does not exist")]
    [InlineData("/papers yesterday", "date 'yesterday' is not a date")]
    [InlineData("/summarize 2025-13-01", "is not a date")]
    [InlineData("/stats maybe", "usage: /stats on|off")]
    public async Task Mistakes_get_a_one_line_hint_and_the_chat_goes_on(string command, string hint)
    {
        var (code, output) = await _chat.Run(command + "\n/model\n");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(hint, output, StringComparison.Ordinal);
        Assert.Contains("mode: extractive mode", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_adds_shows_checks_mutes_and_removes_a_watch_of_the_local_user()
    {
        var (code, output) = await _chat.Run("/watch add long video generation -robot\n/watch\n");
        var id = System.Text.RegularExpressions.Regex.Match(output, @"Added watch (\w{4}):").Groups[1].Value;

        var (_, shown) = await _chat.Run($"/watch show {id}\n/watch check {id} 2026-03-10\n/watch mute {id}\n/watch\n/watch remove {id}\n/watch\n/watch show {id}\n/watch frobnicate\n");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"{id}  long video generation [not: robot]", output, StringComparison.Ordinal);
        Assert.Contains("looks for: ", shown, StringComparison.Ordinal);
        Assert.Contains("2603.08703  HiAR: Efficient Autoregressive Long Video Generation", shown, StringComparison.Ordinal);
        Assert.Contains($"{id}  long video generation [not: robot] (muted)", shown, StringComparison.Ordinal);
        Assert.Contains($"Removed watch {id}", shown, StringComparison.Ordinal);
        Assert.Contains("No watches yet", shown, StringComparison.Ordinal);
        Assert.Contains($"no watch '{id}' of yours", shown, StringComparison.Ordinal);
        Assert.Contains(ChatWatchCommands.Usage, shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Papers_lists_the_papers_of_a_day_and_the_nearest_days_when_there_are_none()
    {
        var (_, output) = await _chat.Run("/papers 2024-12-16\n/papers 2099-01-01\n");

        Assert.Matches(@"\d+ papers? on 2024-12-16", output);
        Assert.Contains("InterDyn", output, StringComparison.Ordinal);
        Assert.Contains("no papers on 2099-01-01; nearest days with papers: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_and_paper_find_and_show_a_paper()
    {
        var (_, output) = await _chat.Run("/search LAION-5B image-text pairs\n/paper t-528e1c382507\n");

        Assert.Contains(" 1. LAION-5B: An open large-scale dataset", output, StringComparison.Ordinal);
        Assert.Contains("t-528e1c382507)", output, StringComparison.Ordinal);
        Assert.Contains("5.85 billion CLIP-filtered image-text pairs", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_suggests_the_spelling_the_papers_use_for_a_word_none_writes()
    {
        var (_, output) = await _chat.Run("/search LAION-5B image-text pairrs\n/search retreival\n");

        Assert.Contains(" 1. LAION-5B: An open large-scale dataset", output, StringComparison.Ordinal);
        Assert.Contains("Did you mean \"LAION-5B image-text pairs\"?", output, StringComparison.Ordinal);
        Assert.Contains("no paper matches; try other words", output, StringComparison.Ordinal);
        Assert.Contains("Did you mean \"retrieval\"?", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Date_limits_questions_to_a_day_until_turned_off()
    {
        var (_, output) = await _chat.Run("/date 2024-12-16\nHow many image-text pairs does LAION-5B contain?\n/date off\nHow many image-text pairs does LAION-5B contain?\n");

        Assert.Contains("questions are limited to the", output, StringComparison.Ordinal);
        // LAION-5B is not among that day's papers: the answer says so and lists the day.
        Assert.Contains("No paper on 2024-12-16 matches the question's words", output, StringComparison.Ordinal);
        Assert.Contains("5.85 billion", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_written_in_a_question_lists_that_day()
    {
        var (_, output) = await _chat.Run("what came out on March 13, 2026?\n");

        Assert.Contains("The papers on 2026-03-13, most upvoted first:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_writes_the_digest_of_a_day()
    {
        var (_, output) = await _chat.Run("/summarize 2024-12-16\n");

        Assert.Contains("InterDyn", output, StringComparison.Ordinal);
        Assert.DoesNotContain("error", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extractive_answers_show_timing_without_tokens()
    {
        var (_, output) = await _chat.Run("How many image-text pairs does LAION-5B contain?\n");

        Assert.Contains("5.85 billion", output, StringComparison.Ordinal);
        Assert.Matches(@"first token \d+\.\d\d s · total", output);
        Assert.DoesNotContain("tok/s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_stops_reading()
    {
        var (code, output) = await _chat.Run("/exit\n/help\n");

        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain("/summarize [DATE]", output, StringComparison.Ordinal);
    }
}
