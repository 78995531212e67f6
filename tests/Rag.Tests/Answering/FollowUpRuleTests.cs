using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Tests.Answering;

public sealed class FollowUpRuleTests
{
    [Theory]
    [InlineData("and which of them use state space models?", true)]
    [InlineData("How many parameters does it have?", true)]
    [InlineData("What about those from 2024?", true)]
    [InlineData("Why?", true)]
    [InlineData("more details please", true)]
    [InlineData("What does emulated fine-tuning show?", false)]
    [InlineData("Which papers use reinforcement learning for reasoning?", false)]
    [InlineData("Is there a method that parallelizes diffusion denoising across GPUs?", false)]
    public void A_question_is_a_follow_up_when_it_refers_back_or_has_almost_no_words_of_its_own(string question, bool followUp)
    {
        Assert.Equal(followUp, FollowUpRule.IsFollowUp(question));
    }

    [Fact]
    public async Task A_new_question_after_another_is_searched_as_asked_without_the_model_rewriting_it()
    {
        var chat = new ScriptedChatClient(_ => "Emulated fine-tuning shows how scale affects knowledge [1].");
        using var harness = new AnsweringHarness(chat: chat);
        var history = new[] { new ConversationTurn("Which papers study long video understanding?", "Some do [1].") };

        var withModel = await harness.Answerer.AskAsync(new AnswerRequest("What does emulated fine-tuning show?") { History = history });
        var extractive = await harness.Answerer.AskAsync(new AnswerRequest("What does emulated fine-tuning show?") { History = history, NoModel = true });

        Assert.Equal("What does emulated fine-tuning show?", withModel.StandaloneQuestion);
        Assert.Equal(1, chat.Calls);
        Assert.Equal("What does emulated fine-tuning show?", extractive.StandaloneQuestion);
    }

    [Fact]
    public async Task Under_a_day_filter_an_unrelated_question_is_answered_as_if_asked_fresh()
    {
        using var harness = new AnsweringHarness();
        var day = new DateOnly(2023, 10, 19);
        var history = new[] { new ConversationTurn("Which papers study long video understanding?", "The indexed papers do not cover this question.") };

        var result = await harness.Answerer.AskAsync(new AnswerRequest("What does emulated fine-tuning show?") { From = day, To = day, History = history });

        Assert.False(result.Declined);
        Assert.StartsWith("An Emulator for Fine-Tuning", Assert.Single(result.Sources).Title, StringComparison.Ordinal);
    }
}
