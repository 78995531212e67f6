using PaperBot.Rag.Answering.Retrieval;

namespace PaperBot.Rag.Answering;

/// <summary>
/// A finished (or failed) answer. <see cref="Text"/> is what to show: the answer after the citation check,
/// followed by its sources list. When <see cref="Complete"/> is false the answer stopped early (the model
/// failed or the request was cancelled): <see cref="Failure"/> says why, and <see cref="Text"/> says so too.
/// </summary>
public sealed record AnswerResult
{
    /// <summary>The answer body after citation cleanup, without the sources list.</summary>
    public required string Answer { get; init; }

    /// <summary>The answer followed by <see cref="SourcesText"/>.</summary>
    public required string Text { get; init; }

    /// <summary>"Sources:" and one line per source in <see cref="Sources"/>; empty without sources.</summary>
    public string SourcesText { get; init; } = "";

    public required AnswerMode Mode { get; init; }

    /// <summary>The question as searched: the user's question, rewritten when it followed earlier turns.</summary>
    public required string StandaloneQuestion { get; init; }

    /// <summary>The days the answer looked at (the request's, or those the question names); null for any day.</summary>
    public AnswerPeriod? Period { get; init; }

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>References to sources that were not supplied, removed from the answer.</summary>
    public int DroppedCitations { get; init; }

    /// <summary>
    /// The sources to show, numbered 1..n as the answer cites them: the cited ones in order of first citation
    /// (every given source when the answer cites none; none when it declined). Front ends show exactly these.
    /// </summary>
    public IReadOnlyList<AnswerSource> Sources { get; init; } = [];

    /// <summary>False when no indexed paper was relevant: the answer says so, and no model was called.</summary>
    public bool FoundRelevant { get; init; }

    /// <summary>True when the answer is "not covered": nothing relevant was found, or the model said the sources do not answer.</summary>
    public bool Declined { get; init; }

    /// <summary>
    /// Answered (the papers answer it), closest (the best papers, under a hedge: they may not answer it) or declined
    /// (nothing related, or the model said its sources do not answer).
    /// </summary>
    public RelevanceOutcome Outcome { get; init; } = RelevanceOutcome.Answered;

    /// <summary>Tokens and speed of the generation (all null for an extractive answer).</summary>
    public AnswerUsage Usage { get; init; } = AnswerUsage.None;

    /// <summary>Things the user should know: the question was cut, a source was shortened to fit.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public bool Complete { get; init; } = true;

    public string? Failure { get; init; }

    public AnswerTimings Timings { get; init; } = AnswerTimings.Zero;
}
