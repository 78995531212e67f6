using PaperBot.Rag.Answering.Evaluation;

namespace PaperBot.Rag.Tests.Answering;

public sealed class EvalSetTests
{
    [Fact]
    public void The_development_sets_have_every_kind_in_both_splits_and_enough_unanswerable_questions()
    {
        var questions = new[] { "dev.jsonl", "archive.jsonl" }.SelectMany(f => EvalSet.Load(Path.Combine(TestPaths.RepoRoot, "eval", f))).ToList();

        Assert.True(questions.Count >= 120);
        Assert.True(questions.Count(q => q.Kind == EvalKind.Unanswerable) >= 20);
        foreach (var kind in Enum.GetValues<EvalKind>())
        {
            Assert.Contains(questions, q => q.Kind == kind && q.Split == EvalSplit.Tune);
            Assert.Contains(questions, q => q.Kind == kind && q.Split == EvalSplit.Check);
        }

        Assert.All(questions.Where(q => q.Kind == EvalKind.Topic), q => Assert.InRange(q.GoldTitles.Count, 3, 8));
        Assert.All(questions.Where(q => q.Kind == EvalKind.Day), q => Assert.NotNull(q.From));
    }

    [Fact]
    public void A_day_sets_both_ends_of_the_range()
    {
        using var folder = new TempFolder();
        var path = folder.Write("set.jsonl", """{"question": "Which papers?", "kind": "day", "split": "check", "gold_titles": ["A"], "date": "2025-03-14"}""");

        var question = Assert.Single(EvalSet.Load(path));

        Assert.Equal(EvalKind.Day, question.Kind);
        Assert.Equal(EvalSplit.Check, question.Split);
        Assert.Equal(new DateOnly(2025, 3, 14), question.From);
        Assert.Equal(question.From, question.To);
    }

    [Theory]
    [InlineData("""{"question": "Q?", "kind": "unanswerable", "gold_titles": ["A"]}""", "unanswerable question has no gold")]
    [InlineData("""{"question": "Q?", "kind": "topic", "gold_titles": []}""", "at least one")]
    [InlineData("""{"question": "Q?", "gold_titles": ["A"]}""", "\"kind\"")]
    [InlineData("""{"question": "Q?", "kind": "guess", "gold_titles": ["A"]}""", "not a JSON object")]
    [InlineData("""{"question": "Q?", "kind": "day", "gold_titles": ["A"], "date": "2025-01-01", "from": "2025-01-01"}""", "not both")]
    public void A_bad_line_is_refused_with_its_line_number(string line, string message)
    {
        using var folder = new TempFolder();
        var path = folder.Write("set.jsonl", "\n" + line + "\n");

        var error = Assert.Throws<UserInputException>(() => EvalSet.Load(path));

        Assert.Contains("set.jsonl:2", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
