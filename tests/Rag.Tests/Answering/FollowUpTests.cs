using PaperBot.Rag.Answering;

namespace PaperBot.Rag.Tests.Answering;

public sealed class FollowUpTests
{
    private static readonly ConversationTurn[] History =
    [
        new("Which papers study few-shot class-incremental learning?", "Mamba-FSCIL [1] and A Bag of Tricks [2] study it."),
    ];

    [Fact]
    public async Task Without_a_model_the_previous_questions_key_terms_are_carried_over()
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest("and which of them use state space models?") { History = History });

        Assert.Equal("and which of them use state space models? shot class incremental learning", result.StandaloneQuestion);
        Assert.Contains(result.Sources, s => s.Title.StartsWith("Mamba-FSCIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Follow_ups_of_follow_ups_stay_on_the_paper_the_conversation_began_with()
    {
        using var harness = new AnsweringHarness();
        var turns = new List<ConversationTurn>();
        var questions = new[] { "What is XSkill?", "How does it reuse what it learned?", "and which tasks did they evaluate it on?", "Why?" };

        foreach (var question in questions)
        {
            var result = await harness.Answerer.AskAsync(new AnswerRequest(question) { History = [.. turns], NoModel = true });

            Assert.Contains("XSkill", result.StandaloneQuestion, StringComparison.Ordinal);
            Assert.StartsWith("XSkill", result.Sources[0].Title, StringComparison.Ordinal);
            turns.Add(new ConversationTurn(question, result.Answer));
        }
    }

    [Fact]
    public async Task With_a_model_the_condense_prompt_rewrites_the_follow_up()
    {
        var chat = new ScriptedChatClient(messages => messages[0].Text.Contains("rewrite a follow-up", StringComparison.Ordinal)
            ? "\"Which few-shot class-incremental learning papers use state space models?\"\nextra line"
            : "Mamba-FSCIL uses a selective state space model [1].");
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest("and which of them use state space models?") { History = History });

        Assert.Equal("Which few-shot class-incremental learning papers use state space models?", result.StandaloneQuestion);
        Assert.Equal(2, chat.Calls);
        var condensePrompt = ScriptedChatClient.Flatten(chat.Prompts[0]);
        Assert.Contains("User: Which papers study few-shot class-incremental learning?", condensePrompt, StringComparison.Ordinal);
        Assert.Contains("Follow-up question: and which of them use state space models?", condensePrompt, StringComparison.Ordinal);
        Assert.StartsWith("Mamba-FSCIL", result.Citations.Single().Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_model_fails_to_condense_the_key_terms_are_carried_over()
    {
        var chat = new ScriptedChatClient(messages => messages[0].Text.Contains("rewrite a follow-up", StringComparison.Ordinal)
            ? throw new InvalidOperationException("model crashed")
            : "Mamba-FSCIL [1].");
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest("and which of them use state space models?") { History = History });

        Assert.EndsWith("shot class incremental learning", result.StandaloneQuestion, StringComparison.Ordinal);
        Assert.True(result.Complete);
    }
}
