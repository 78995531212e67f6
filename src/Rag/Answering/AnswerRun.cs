using System.Text.RegularExpressions;
using PaperBot.Rag.Answering.Citations;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering;

/// <summary>The state of one answer as it moves through the stages, and how it becomes a result.</summary>
internal sealed partial class AnswerRun(QuestionText question, AnswerMode mode, StageClock clock)
{
    public string Standalone { get; set; } = question.Text;

    /// <summary>Set to extractive when the model was unreachable and the extractive answer took its place.</summary>
    public AnswerMode Mode { get; set; } = mode;

    public StageClock Clock => clock;

    /// <summary>The days the answer is limited to: the request's range, or the one the question names; null for any day.</summary>
    public AnswerPeriod? Period { get; set; }

    /// <summary>What retrieval decided: the papers answer, or are only the closest ones (a decline is decided in <see cref="Finish"/>).</summary>
    public RelevanceOutcome Outcome { get; set; } = RelevanceOutcome.Answered;

    public TimeSpan Condense { get; set; }

    public TimeSpan Retrieval { get; set; }

    public TimeSpan Packing { get; set; }

    public TimeSpan Generation { get; set; }

    public AnswerUsage Usage { get; set; } = AnswerUsage.None;

    public List<string> Notices { get; } = question.Truncated
        ? [$"The question was {question.OriginalLength} characters long; only its first {question.Text.Length} were used."]
        : [];

    /// <summary>
    /// The checked result. Sources shown are the cited ones, renumbered 1..n in the order of first citation. An
    /// answer that cites nothing and says the sources do not cover the question is a decline and shows none; one
    /// that cites nothing otherwise shows every source it was given, since the reader still needs them.
    /// </summary>
    public AnswerResult Finish(string body, IReadOnlyList<(int Number, RetrievedPaper Paper)> sources, bool foundRelevant)
    {
        var check = CitationChecker.Check(body, sources.Count);
        var declined = !foundRelevant || (check.Cited.Count == 0 && DeclineRegex().IsMatch(check.Text));
        var shown = declined ? [] : check.Cited.Count > 0 ? check.Cited.Select(n => sources[n - 1].Paper).ToList() : sources.Select(s => s.Paper).ToList();
        var answer = SourceNumbering.Renumber(check.Text, check.Cited);
        var numbered = shown.Select((paper, index) => (Number: index + 1, Paper: paper)).ToList();
        var sourcesText = numbered.Count == 0 ? "" : SourceList.Format(numbered.Select(s => (s.Number, s.Paper.Paper)));
        var text = sourcesText.Length == 0 ? answer : answer + "\n\n" + sourcesText;
        var citations = clock.Lap();
        return Result(answer, text, numbered, foundRelevant) with
        {
            SourcesText = sourcesText,
            Declined = declined,
            Outcome = declined ? RelevanceOutcome.Declined : Outcome,
            Citations = [.. numbered.Take(check.Cited.Count).Select(s => new Citation(s.Number, s.Paper.Paper.Id, s.Paper.Paper.Title))],
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
        Period = Period,
        Outcome = Outcome,
        Sources = [.. sources.Select(s => Source(s.Number, s.Paper))],
        FoundRelevant = foundRelevant,
        Notices = Notices,
        Usage = Usage,
    };

    private static AnswerSource Source(int number, RetrievedPaper paper) =>
        new(number, paper.Paper.Id, paper.Paper.Title, Math.Round(paper.Score, 6), paper.Paper.Day, paper.Paper.ArxivUrl)
        {
            HuggingFaceUrl = paper.Paper.HuggingFaceUrl,
            GithubRepo = paper.Paper.GithubRepo,
        };

    /// <summary>How the answer prompt asks the model to say that the sources do not answer ("the indexed papers do not cover it").</summary>
    [GeneratedRegex(@"\b(do(es)? not|don't|doesn't|cannot|can't|not) (cover|answer|address|mention|contain|discuss)|\bnot covered\b|\bno (information|paper|source)", RegexOptions.IgnoreCase)]
    private static partial Regex DeclineRegex();
}
