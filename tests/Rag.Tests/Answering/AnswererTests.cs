using Microsoft.Extensions.AI;
using PaperBot.Rag.Answering;

namespace PaperBot.Rag.Tests.Answering;

public sealed class AnswererTests
{
    private const string Question = "How many parameters does the Social-Implicit model have?";

    /// <summary>A question the model gets several sources for.</summary>
    private const string BroadQuestion = "Why do language models hallucinate?";

    [Fact]
    public async Task The_model_answer_streams_in_pieces_and_ends_with_a_checked_result()
    {
        var chat = new ScriptedChatClient(_ => "Social-Implicit has only 5.8K parameters [1]. It runs at 580Hz [1], unlike [9].");
        using var harness = new AnsweringHarness(chat: chat);

        var updates = new List<AnswerUpdate>();
        await foreach (var update in harness.Answerer.StreamAsync(new AnswerRequest(Question)))
        {
            updates.Add(update);
        }

        var result = updates[^1].Result!;
        Assert.True(updates.Count > 3);
        Assert.All(updates[..^1], u => Assert.Null(u.Result));
        // Streamed with each citation checked as it closes: [9] names no given source and never shows.
        Assert.Equal("Social-Implicit has only 5.8K parameters [1]. It runs at 580Hz [1], unlike .", string.Concat(updates.Select(u => u.Delta)));
        Assert.True(result.Complete);
        Assert.Equal(AnswerMode.Model, result.Mode);
        Assert.Equal("Social-Implicit has only 5.8K parameters [1]. It runs at 580Hz [1], unlike.", result.Answer);
        Assert.Equal(1, result.DroppedCitations);
        var citation = Assert.Single(result.Citations);
        Assert.StartsWith("Social-Implicit", citation.Title, StringComparison.Ordinal);
        Assert.Contains("Sources:\n[1] Social-Implicit", result.Text, StringComparison.Ordinal);
        Assert.True(result.Timings.Total >= result.Timings.Retrieval);
    }

    [Theory]
    [InlineData("pizza recipe with tomato sauce")]
    [InlineData("Quels articles parlent de la cuisine française traditionnelle ?")]
    [InlineData("what is it?")]
    public async Task When_nothing_relevant_is_indexed_the_answer_says_so_without_calling_the_model(string question)
    {
        var chat = new ScriptedChatClient(_ => throw new InvalidOperationException("the model must not be called"));
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest(question));

        Assert.False(result.FoundRelevant);
        Assert.True(result.Complete);
        Assert.Equal(0, chat.Calls);
        Assert.True(
            result.Answer.Contains("do not cover", StringComparison.Ordinal) || result.Answer.Contains("cannot answer", StringComparison.Ordinal),
            result.Answer);
        Assert.Empty(result.Citations);
    }

    [Fact]
    public async Task A_day_range_restricts_the_papers()
    {
        using var harness = new AnsweringHarness();
        var day = new DateOnly(2022, 3, 6);

        var onTheDay = await harness.Answerer.AskAsync(new AnswerRequest(Question) { From = day, To = day });
        var elsewhere = await harness.Answerer.AskAsync(new AnswerRequest(Question) { From = new DateOnly(2030, 1, 1), To = new DateOnly(2030, 12, 31) });

        Assert.All(onTheDay.Sources, s => Assert.Equal(day, s.Day));
        Assert.NotEmpty(onTheDay.Sources);
        Assert.False(elsewhere.FoundRelevant);
        Assert.Contains("No papers were featured from 2030-01-01 to 2030-12-31", elsewhere.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reversed_day_range_and_an_empty_question_are_user_errors()
    {
        using var harness = new AnsweringHarness(seeded: false);

        await Assert.ThrowsAsync<UserInputException>(() => harness.Answerer.AskAsync(new AnswerRequest("   ")));
        await Assert.ThrowsAsync<UserInputException>(() => harness.Answerer.AskAsync(
            new AnswerRequest("flows") { From = new DateOnly(2025, 2, 1), To = new DateOnly(2025, 1, 1) }));
    }

    [Fact]
    public async Task A_huge_question_is_cut_and_the_result_says_so()
    {
        var chat = new ScriptedChatClient(_ => "It has 5.8K parameters [1].");
        using var harness = new AnsweringHarness(chat: chat);
        var question = Question + " " + string.Concat(Enumerable.Repeat("trajectory prediction ", 500));

        var result = await harness.Answerer.AskAsync(new AnswerRequest(question));

        Assert.Contains(result.Notices, n => n.Contains("only its first", StringComparison.Ordinal));
        Assert.True(result.Complete);
        var prompt = ScriptedChatClient.Flatten(chat.Prompts[0]);
        Assert.True(prompt.Length < 1000 + 3 * 4096);
    }

    [Fact]
    public async Task A_streamed_answer_carries_the_numbers_of_its_sources_list_even_when_a_bracket_is_split()
    {
        var given = await GivenSourcesAsync();
        var chat = new ScriptedChatClient(_ => "Cited second first [2]. Then both [1, 2]. Not given [40].") { ChunkSize = 2 };
        using var harness = new AnsweringHarness(chat: chat);

        var updates = new List<AnswerUpdate>();
        await foreach (var update in harness.Answerer.StreamAsync(new AnswerRequest(BroadQuestion)))
        {
            updates.Add(update);
        }

        var result = updates[^1].Result!;
        var hedge = Hedge(result);
        Assert.Equal(hedge + "Cited second first [1]. Then both [2, 1]. Not given .", string.Concat(updates.Select(u => u.Delta)));
        Assert.Equal(hedge + "Cited second first [1]. Then both [2, 1]. Not given.", result.Answer);
        Assert.Equal([given[1], given[0]], result.Sources.Select(s => s.Title));
    }

    [Fact]
    public async Task An_answer_cut_short_lists_its_sources_with_the_numbers_its_text_shows()
    {
        var given = await GivenSourcesAsync();
        var chat = new ScriptedChatClient(_ => "The second source says so [2]. And then a long sentence that never ends") { ChunkSize = 7, FailAfter = 6 };
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest(BroadQuestion));

        Assert.False(result.Complete);
        Assert.StartsWith(Hedge(result) + "The second source says so [1].", result.Answer, StringComparison.Ordinal);
        Assert.Equal([given[1], given[0], .. given.Skip(2)], result.Sources.Select(s => s.Title));
        Assert.Equal(Enumerable.Range(1, given.Count), result.Sources.Select(s => s.Number));
    }

    /// <summary>How a model's answer from the closest papers begins (the broad question may be one).</summary>
    private static string Hedge(AnswerResult result) =>
        result.Outcome == Rag.Answering.Retrieval.RelevanceOutcome.Closest ? Answerer.ClosestModelHedge + "\n\n" : "";

    /// <summary>The titles of the sources the model is given for <see cref="BroadQuestion"/>, in their given order (an answer citing none shows them all).</summary>
    private static async Task<IReadOnlyList<string>> GivenSourcesAsync()
    {
        using var harness = new AnsweringHarness(chat: new ScriptedChatClient(_ => "An answer that cites nothing."));
        var titles = (await harness.Answerer.AskAsync(new AnswerRequest(BroadQuestion))).Sources.Select(s => s.Title).ToList();
        Assert.True(titles.Count >= 2, "the question needs two sources or more");
        return titles;
    }

    [Fact]
    public async Task A_model_failure_mid_answer_gives_an_incomplete_result_that_says_why()
    {
        var chat = new ScriptedChatClient(_ => "Social-Implicit has only 5.8K parameters and runs in real time [1].") { ChunkSize = 7, FailAfter = 3 };
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest(Question));

        Assert.False(result.Complete);
        Assert.Contains("model failed", result.Failure, StringComparison.Ordinal);
        Assert.Contains("Incomplete answer", result.Text, StringComparison.Ordinal);
        Assert.StartsWith("Social-Implicit has", result.Text, StringComparison.Ordinal);
        Assert.Empty(result.Citations);
    }

    [Fact]
    public async Task Cancelling_mid_answer_gives_an_incomplete_result()
    {
        using var cancellation = new CancellationTokenSource();
        var chat = new ScriptedChatClient(_ => "Social-Implicit has only 5.8K parameters and runs in real time [1].")
        {
            ChunkSize = 7,
            BeforeChunk = chunk =>
            {
                if (chunk == 2)
                {
                    cancellation.Cancel();
                }
            },
        };
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest(Question), cancellation.Token);

        Assert.False(result.Complete);
        Assert.Contains("cancelled", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_model_flag_answers_extractively_even_with_a_model()
    {
        var chat = new ScriptedChatClient(_ => "unused");
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest(Question) { NoModel = true });

        Assert.Equal(AnswerMode.Extractive, result.Mode);
        Assert.Equal(0, chat.Calls);
        Assert.StartsWith(ExtractiveAnswerer.Label, result.Answer, StringComparison.Ordinal);
        Assert.Contains("5.8K parameters", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task System_instructions_come_first_and_tell_the_model_to_cite_only_the_sources()
    {
        var chat = new ScriptedChatClient(_ => "It has 5.8K parameters [1].");
        using var harness = new AnsweringHarness(chat: chat);

        await harness.Answerer.AskAsync(new AnswerRequest(Question));

        var prompt = chat.Prompts.Single();
        Assert.Equal(ChatRole.System, prompt[0].Role);
        Assert.Contains("Answer only from the sources", prompt[0].Text, StringComparison.Ordinal);
        Assert.Equal(ChatRole.User, prompt[^1].Role);
        Assert.Contains("<source id=\"1\">", prompt[^1].Text, StringComparison.Ordinal);
        Assert.Contains("Question: " + Question, prompt[^1].Text, StringComparison.Ordinal);
    }
}
