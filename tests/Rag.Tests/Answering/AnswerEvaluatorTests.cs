using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Evaluation;

namespace PaperBot.Rag.Tests.Answering;

public sealed class AnswerEvaluatorTests
{
    private static readonly EvalQuestion[] Questions =
    [
        new("How many parameters does the Social-Implicit model have?", ["Social-Implicit: Rethinking Trajectory Prediction Evaluation and The Effectiveness of Implicit Maximum Likelihood Estimation"], "5.8K"),
        new("Normalizing flows for high-resolution image synthesis", ["STARFlow: Scaling Latent Normalizing Flows for High-resolution Image Synthesis", "A paper that is not indexed"]),
    ];

    [Fact]
    public async Task With_a_model_the_report_counts_answers_whose_citations_were_all_valid()
    {
        var chat = new ScriptedChatClient(messages => messages[^1].Text.Contains("Social-Implicit", StringComparison.Ordinal) ? "5.8K parameters [1]." : "Flows [1], [12].");
        using var harness = new AnsweringHarness(chat: chat);

        var report = await harness.Get<AnswerEvaluator>().RunAsync(Questions, noModel: false);

        Assert.Equal(AnswerMode.Model, report.Mode);
        Assert.Equal(0.5, report.CitationsValidShare);
        Assert.Equal(1.0, report.Mrr);
        Assert.Equal(0.75, report.RecallAt10);
        Assert.Equal(1.0, report.FactShare);
    }
}
