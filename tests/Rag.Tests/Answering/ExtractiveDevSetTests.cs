using System.Text.Json;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Evaluation;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>The extractive answers over the development set (eval/dev.jsonl): every stated fact must be in its answer.</summary>
public sealed class ExtractiveDevSetTests : IClassFixture<ExtractiveDevSetTests.Seeded>
{
    private readonly Seeded _seeded;

    public ExtractiveDevSetTests(Seeded seeded) => _seeded = seeded;

    public static TheoryData<string, string> Facts()
    {
        var data = new TheoryData<string, string>();
        foreach (var question in EvalSet.Load(Path.Combine(TestPaths.RepoRoot, "eval", "dev.jsonl")).Where(q => q.AnswerContains is not null))
        {
            data.Add(question.Question, question.AnswerContains!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Facts))]
    public async Task The_extractive_answer_contains_the_answering_sentence(string question, string fact)
    {
        var result = await _seeded.Harness.Answerer.AskAsync(new AnswerRequest(question));

        Assert.Equal(AnswerMode.Extractive, result.Mode);
        Assert.StartsWith(ExtractiveAnswerer.Label, result.Answer, StringComparison.Ordinal);
        Assert.Contains(fact, result.Answer, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, result.DroppedCitations);
        Assert.NotEmpty(result.Citations);
    }

    [Fact]
    public async Task Retrieval_over_the_dev_set_finds_the_gold_papers()
    {
        var questions = EvalSet.Load(Path.Combine(TestPaths.RepoRoot, "eval", "dev.jsonl"));

        var report = await _seeded.Harness.Get<AnswerEvaluator>().RunAsync(questions, noModel: true);

        Assert.True(questions.Count >= 25);
        Assert.True(report.RecallAt5 >= 0.85, JsonSerializer.Serialize(report.Outcomes.Where(o => o.RecallAt5 < 1)));
        Assert.True(report.Mrr >= 0.9);
        Assert.Equal(1.0, report.FactShare);
    }

    /// <summary>One index for the whole class: these tests only read it.</summary>
    public sealed class Seeded : IDisposable
    {
        public AnsweringHarness Harness { get; } = new();

        public void Dispose() => Harness.Dispose();
    }
}
