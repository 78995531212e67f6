using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Packing;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Llm;

namespace PaperBot.Rag.Tests.Answering;

public sealed class ContextPackingTests
{
    private static readonly string LongAbstract = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"Sentence number {i} says something about diffusion models."));

    [Fact]
    public void Sources_are_added_in_rank_order_until_the_window_is_full_and_the_last_one_is_cut_at_a_sentence()
    {
        var packer = new ContextPacker(new CharacterTokenEstimate(1500), new AnswerBudget(200));
        var papers = Enumerable.Range(1, 4).Select(i => Retrieved(i, $"Paper {i}", LongAbstract)).ToList();

        var packed = packer.Pack(papers, fixedPromptTokens: 300);

        Assert.Equal([1, 2], packed.Sources.Select(s => s.Number));
        Assert.False(packed.Sources[0].Shortened);
        Assert.True(packed.Sources[1].Shortened);
        Assert.Matches(@"\.\s…\n</source>$", packed.Sources[1].Block);
        Assert.Equal(2, packed.LeftOut);
        Assert.True(packed.SourceTokens <= packer.SourceBudget(300));
    }

    [Fact]
    public async Task Under_a_small_window_the_instructions_and_question_are_whole_and_the_prompt_leaves_room_for_the_answer()
    {
        var chat = new ScriptedChatClient(_ => "Flows [1].");
        using var harness = new AnsweringHarness(chat: chat, contextSize: 1400, maxAnswerTokens: 300);
        const string question = "Which papers use normalizing flows or flow matching for image generation?";

        var result = await harness.Answerer.AskAsync(new AnswerRequest(question));

        var prompt = chat.Prompts.Single();
        var tokens = harness.Get<ITokenCounter>();
        Assert.True(prompt.Sum(m => tokens.CountTokens(m.Text)) + ContextPacker.TemplateOverheadTokens <= 1400 - 300);
        Assert.Contains("Cite every claim", prompt[0].Text, StringComparison.Ordinal);
        Assert.Contains("Question: " + question, prompt[^1].Text, StringComparison.Ordinal);
        Assert.InRange(result.Sources.Count, 1, 3);
        Assert.Contains(result.Notices, n => n.StartsWith("The context window held", StringComparison.Ordinal));
    }

    private static RetrievedPaper Retrieved(int pid, string title, string abstractText) =>
        new(pid, AnsweringHarness.Paper(title, abstractText), 1.0 / pid, 1, null, 1);
}
