using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Answering;

public sealed partial class DayDigestTests
{
    private static readonly DateOnly Day = new(2025, 6, 2);
    private static readonly string[] Topics = ["diffusion models for video generation", "reinforcement learning for reasoning", "speech recognition benchmarks"];

    [Fact]
    public async Task Sixty_papers_in_a_tiny_window_are_reduced_hierarchically_and_every_paper_is_cited()
    {
        var chat = ScriptedModel();
        using var harness = new AnsweringHarness(seeded: false, chat: chat, contextSize: 700, maxAnswerTokens: 120);
        harness.Add([.. Papers(60)]);

        var digest = await harness.Digest.SummarizeAsync(new DigestRequest(Day));

        Assert.True(digest.Complete, digest.Failure);
        Assert.Equal(60, digest.PaperCount);
        Assert.Equal(60, chat.Prompts.Count(IsGistPrompt));
        Assert.True(digest.ReduceCalls > 2, $"{digest.ReduceCalls} reduce calls");
        Assert.Equal(60, digest.Citations.Count);
        Assert.Equal(0, digest.DroppedCitations);
        Assert.Contains("Most upvoted: Paper 60", digest.Text, StringComparison.Ordinal);
        Assert.All(chat.Prompts.Where(p => !IsGistPrompt(p)), p => Assert.True(p.Sum(m => m.Text.Length) / 3 <= 700 - 120));
    }

    [Fact]
    public async Task The_second_request_comes_from_the_cache_and_changed_papers_recompute_reusing_gists()
    {
        var chat = ScriptedModel();
        using var harness = new AnsweringHarness(seeded: false, chat: chat, contextSize: 700, maxAnswerTokens: 120);
        harness.Add([.. Papers(12)]);
        var first = await harness.Digest.SummarizeAsync(new DigestRequest(Day));
        var callsAfterFirst = chat.Calls;

        var second = await harness.Digest.SummarizeAsync(new DigestRequest(Day));

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(callsAfterFirst, chat.Calls);
        Assert.Equal(first.Text, second.Text);

        harness.Add(AnsweringHarness.Paper("A late paper on speech", "We study speech recognition with late fusion.", Day, 1));
        var third = await harness.Digest.SummarizeAsync(new DigestRequest(Day));

        Assert.False(third.Cached);
        Assert.Equal(13, third.PaperCount);
        Assert.Equal(13, chat.Prompts.Count(IsGistPrompt));
        Assert.Equal(13, third.Citations.Count);
    }

    [Fact]
    public async Task A_day_without_papers_names_the_nearest_days_with_papers()
    {
        using var harness = new AnsweringHarness(seeded: false);
        harness.Add(AnsweringHarness.Paper("One", "About one thing.", Day), AnsweringHarness.Paper("Two", "About two things.", Day.AddDays(3)));

        var digest = await harness.Digest.SummarizeAsync(new DigestRequest(Day.AddDays(1)));

        Assert.Equal(0, digest.PaperCount);
        Assert.Equal([Day, Day.AddDays(3)], digest.NearestDays);
        Assert.Contains("No papers on 2025-06-03; nearest days with papers: 2025-06-02, 2025-06-05", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_extractive_digest_groups_papers_by_shared_terms_and_cites_each_with_its_central_sentence()
    {
        var chat = ScriptedModel();
        using var harness = new AnsweringHarness(seeded: false, chat: chat);
        harness.Add([.. Papers(12)]);

        var digest = await harness.Digest.SummarizeAsync(new DigestRequest(Day, NoModel: true));

        Assert.Equal(AnswerMode.Extractive, digest.Mode);
        Assert.Equal(0, chat.Calls);
        Assert.StartsWith(ExtractiveDigest.Label, digest.Text, StringComparison.Ordinal);
        Assert.Equal(12, digest.Citations.Count);
        var themes = ThemeGrouper.Group(harness.Store.PapersOfDay(Day));
        Assert.InRange(themes.Count, 3, ThemeGrouper.MaxThemes);
        Assert.All(themes, t => Assert.True(t.Papers.Select(i => i % 3).Distinct().Count() == 1, t.Label));
    }

    [Fact]
    public async Task A_model_failure_gives_an_incomplete_digest()
    {
        var chat = new ScriptedChatClient(_ => throw new InvalidOperationException("out of memory"));
        using var harness = new AnsweringHarness(seeded: false, chat: chat);
        harness.Add([.. Papers(3)]);

        var digest = await harness.Digest.SummarizeAsync(new DigestRequest(Day));

        Assert.False(digest.Complete);
        Assert.Contains("out of memory", digest.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_central_sentence_is_the_one_closest_to_the_rest()
    {
        var sentence = CentralSentence.Of("Background is long. We propose sparse diffusion for video generation. Sparse diffusion speeds video generation. Code is online.");

        Assert.Equal("We propose sparse diffusion for video generation.", sentence);
    }

    /// <summary>Paper i is on topic i % 3; upvotes grow with i so the day's list (most upvoted first) is reversed.</summary>
    private static IEnumerable<Paper> Papers(int count) => Enumerable.Range(1, count).Select(i => AnsweringHarness.Paper(
        $"Paper {i} on {Topics[i % 3]}",
        $"We study {Topics[i % 3]} in setting {i}. Our method improves {Topics[i % 3]} by {i} points. Code is released.",
        Day, i));

    /// <summary>Gists name their paper; digests cite every number they are given, so citations can be followed through the levels.</summary>
    private static ScriptedChatClient ScriptedModel() => new(messages =>
    {
        var user = messages[^1].Text;
        if (IsGistPrompt(messages))
        {
            return "Gist: " + TitleRegex().Match(user).Groups[1].Value + ".";
        }

        var numbers = NumberRegex().Matches(user).Select(m => m.Groups[1].Value).Distinct();
        return "Theme: work of the day [" + string.Join(", ", numbers) + "].";
    });

    private static bool IsGistPrompt(IReadOnlyList<ChatMessage> messages) => messages[0].Text.Contains("one research paper", StringComparison.Ordinal);

    [GeneratedRegex(@"title: (.*)")]
    private static partial Regex TitleRegex();

    [GeneratedRegex(@"(?:<source id=""|\[|, )(\d+)")]
    private static partial Regex NumberRegex();
}
