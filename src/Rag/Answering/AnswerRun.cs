using PaperBot.Rag.Answering.Citations;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering;

/// <summary>The state of one answer as it moves through the stages, and how it becomes a result.</summary>
internal sealed class AnswerRun(QuestionText question, AnswerMode mode, StageClock clock)
{
    public string Standalone { get; set; } = question.Text;

    /// <summary>Set to extractive when the model was unreachable and the extractive answer took its place.</summary>
    public AnswerMode Mode { get; set; } = mode;

    public TimeSpan Condense { get; set; }

    public TimeSpan Retrieval { get; set; }

    public TimeSpan Packing { get; set; }

    public TimeSpan Generation { get; set; }

    public List<string> Notices { get; } = question.Truncated
        ? [$"The question was {question.OriginalLength} characters long; only its first {question.Text.Length} were used."]
        : [];

    public AnswerResult Finish(string body, IReadOnlyList<(int Number, RetrievedPaper Paper)> sources, bool foundRelevant)
    {
        var check = CitationChecker.Check(body, sources.Count);
        var cited = check.Cited.Select(n => sources[n - 1]).ToList();
        var listed = cited.Count > 0 ? cited : sources;
        var sourcesText = listed.Count == 0 ? "" : SourceList.Format(listed.Select(s => (s.Number, s.Paper.Paper)));
        var text = sourcesText.Length == 0 ? check.Text : check.Text + "\n\n" + sourcesText;
        var citations = clock.Lap();
        return Result(check.Text, text, sources, foundRelevant) with
        {
            SourcesText = sourcesText,
            Citations = [.. cited.Select(s => new Citation(s.Number, s.Paper.Paper.Id, s.Paper.Paper.Title))],
            DroppedCitations = check.Dropped,
            Timings = new AnswerTimings(Condense, Retrieval, Packing, Generation, citations, clock.Total),
        };
    }

    public AnswerResult Fail(string partial, IReadOnlyList<(int Number, RetrievedPaper Paper)> sources, string failure)
    {
        var body = partial.Length == 0
            ? $"No answer: {failure}."
            : $"{partial.TrimEnd()}\n\n[Incomplete answer: {failure}.]";
        return Result(body, body, sources, foundRelevant: true) with
        {
            Complete = false,
            Failure = failure,
            Timings = new AnswerTimings(Condense, Retrieval, Packing, Generation, TimeSpan.Zero, clock.Total),
        };
    }

    private AnswerResult Result(string answer, string text, IReadOnlyList<(int Number, RetrievedPaper Paper)> sources, bool foundRelevant) => new()
    {
        Answer = answer,
        Text = text,
        Mode = Mode,
        StandaloneQuestion = Standalone,
        Sources = [.. sources.Select(s => Source(s.Number, s.Paper))],
        FoundRelevant = foundRelevant,
        Notices = Notices,
    };

    private static AnswerSource Source(int number, RetrievedPaper paper) =>
        new(number, paper.Paper.Id, paper.Paper.Title, Math.Round(paper.Score, 6), paper.Paper.Day, paper.Paper.ArxivUrl)
        {
            HuggingFaceUrl = paper.Paper.HuggingFaceUrl,
            GithubRepo = paper.Paper.GithubRepo,
        };
}
