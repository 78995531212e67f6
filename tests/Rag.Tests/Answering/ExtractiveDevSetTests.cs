using System.Text.Json;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Evaluation;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>
/// The extractive answers over the development set of the sample corpus (eval/dev.jsonl), held to the targets on
/// the check split: the questions no rule or threshold was fitted to.
/// </summary>
public sealed class ExtractiveDevSetTests : IClassFixture<ExtractiveDevSetTests.Seeded>
{
    private readonly Seeded _seeded;

    public ExtractiveDevSetTests(Seeded seeded) => _seeded = seeded;

    [Fact]
    public async Task On_the_check_split_answerable_questions_are_answered_and_unanswerable_ones_declined()
    {
        var report = await _seeded.ReportAsync();
        var check = report.Outcomes.Where(o => o.Question.Split == EvalSplit.Check).ToList();
        var answerable = check.Where(o => o.Question.Answerable).ToList();
        var unanswerable = check.Where(o => !o.Question.Answerable).ToList();

        Assert.True(answerable.Count >= 30 && unanswerable.Count >= 5);
        Assert.True(answerable.Count(o => o.Answered) >= 0.97 * answerable.Count, Failures(answerable.Where(o => !o.Answered)));
        // 5 of the 6 held-out unanswerable questions of the sample corpus; with the archive's six, 11 of 12 (README).
        Assert.True(unanswerable.Count(o => !o.Answered) >= 0.8 * unanswerable.Count, Failures(unanswerable.Where(o => o.Answered)));
    }

    [Fact]
    public async Task On_the_check_split_lookup_answers_state_the_fact()
    {
        var report = await _seeded.ReportAsync();
        var lookups = report.Group(EvalSplit.Check, EvalKind.Lookup)!;

        Assert.True(lookups.Questions >= 15);
        Assert.True(lookups.FactShare >= 0.85, Failures(report.Outcomes.Where(o => o.Question.Split == EvalSplit.Check && o.ContainsFact == false)));
        Assert.True(lookups.RecallAt5 >= 0.95);
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task Every_answer_cites_only_sources_it_was_given()
    {
        var report = await _seeded.ReportAsync();

        Assert.Equal(1.0, report.CitationsValidShare);
        Assert.Equal(AnswerMode.Extractive, report.Mode);
        Assert.All(report.Outcomes.Where(o => o.Answered), o => Assert.StartsWith(ExtractiveAnswerer.Label, o.Answer, StringComparison.Ordinal));
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task In_model_mode_the_gate_decides_the_same_with_a_scripted_model()
    {
        // The scripted model never declines on its own: what is measured is the relevance gate in model mode.
        var chat = new ScriptedChatClient(_ => "The first source answers this [1].");
        using var harness = new AnsweringHarness(chat: chat);

        var report = await harness.Get<AnswerEvaluator>().RunAsync(
            EvalSet.Load(Path.Combine(TestPaths.RepoRoot, "eval", "dev.jsonl")), noModel: false);
        var check = report.Outcomes.Where(o => o.Question.Split == EvalSplit.Check).ToList();

        Assert.Equal(AnswerMode.Model, report.Mode);
        Assert.True(check.Where(o => o.Question.Answerable).Count(o => o.Answered) >= 0.97 * check.Count(o => o.Question.Answerable));
        Assert.True(check.Where(o => !o.Question.Answerable).Count(o => !o.Answered) >= 0.8 * check.Count(o => !o.Question.Answerable));
        Assert.Equal(report.Outcomes.Count(o => o.Answered), chat.Calls);
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task With_hybrid_retrieval_every_question_keywords_answer_is_still_answered()
    {
        // Papers found by similarity alone fill the fused top few; the gate must still see the keyword ranking's best.
        using var hybrid = new AnsweringHarness(embeddings: new FakeEmbeddingGenerator());
        var keywords = await _seeded.ReportAsync();

        var report = await hybrid.Get<AnswerEvaluator>().RunAsync(EvalSet.Load(Path.Combine(TestPaths.RepoRoot, "eval", "dev.jsonl")), noModel: true);

        Assert.True(hybrid.Retriever.IsHybrid);
        var answered = report.Outcomes.Where(o => o.Answered).Select(o => o.Question.Question).ToHashSet(StringComparer.Ordinal);
        var lost = keywords.Outcomes.Where(o => o.Answered && !answered.Contains(o.Question.Question)).ToList();
        Assert.True(lost.Count == 0, Failures(lost));
    }

    private static string Failures(IEnumerable<EvalOutcome> outcomes) =>
        JsonSerializer.Serialize(outcomes.Select(o => new { o.Question.Question, o.Answer }));

    /// <summary>One index and one evaluation run for the whole class: these tests only read them.</summary>
    public sealed class Seeded : IDisposable
    {
        private readonly Lazy<Task<EvalReport>> _report;

        public Seeded() => _report = new(() => Harness.Get<AnswerEvaluator>().RunAsync(
            EvalSet.Load(Path.Combine(TestPaths.RepoRoot, "eval", "dev.jsonl")), noModel: true));

        public AnsweringHarness Harness { get; } = new();

        public Task<EvalReport> ReportAsync() => _report.Value;

        public void Dispose() => Harness.Dispose();
    }
}
