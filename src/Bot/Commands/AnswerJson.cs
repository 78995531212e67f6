using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;

namespace PaperBot.Bot.Commands;

/// <summary>How answers and digests look in --json output, shared by ask, summarize and eval.</summary>
public static class AnswerJson
{
    public static string Mode(AnswerMode mode) => mode == AnswerMode.Model ? "model" : "extractive";

    public static double Ms(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 2);

    public static object Of(AnswerResult result) => new
    {
        answer = result.Text,
        mode = Mode(result.Mode),
        complete = result.Complete,
        failure = result.Failure,
        found_relevant = result.FoundRelevant,
        declined = result.Declined,
        outcome = result.Outcome.ToString().ToLowerInvariant(),
        period = result.Period is { } period ? new { from = period.From, to = period.To, from_question = period.FromQuestion } : null,
        standalone_question = result.StandaloneQuestion,
        citations = result.Citations.Select(c => new { number = c.Number, id = c.Id, title = c.Title }),
        dropped_citations = result.DroppedCitations,
        papers = result.Sources.Select(s => new
        {
            number = s.Number, id = s.Id, title = s.Title, score = s.Score, day = s.Day, url = s.Url, hf_url = s.HuggingFaceUrl, github_repo = s.GithubRepo,
        }),
        notices = result.Notices,
        timings = new
        {
            condense_ms = Ms(result.Timings.Condense),
            retrieval_ms = Ms(result.Timings.Retrieval),
            packing_ms = Ms(result.Timings.Packing),
            generation_ms = Ms(result.Timings.Generation),
            citations_ms = Ms(result.Timings.Citations),
            total_ms = Ms(result.Timings.Total),
        },
        usage = new
        {
            prompt_tokens = result.Usage.PromptTokens,
            answer_tokens = result.Usage.AnswerTokens,
            tokens_per_second = result.Usage.TokensPerSecond is { } rate ? Math.Round(rate, 2) : (double?)null,
            time_to_first_token_ms = result.Usage.TimeToFirstToken is { } first ? Ms(first) : (double?)null,
        },
    };

    public static object Of(DigestResult result) => new
    {
        day = result.Day,
        period = result.Period is { } period ? new { name = period.Name, from = period.From, to = period.To } : null,
        mode = Mode(result.Mode),
        complete = result.Complete,
        failure = result.Failure,
        paper_count = result.PaperCount,
        cached = result.Cached,
        digest = result.Text,
        citations = result.Citations.Select(c => new { number = c.Number, id = c.Id, title = c.Title }),
        dropped_citations = result.DroppedCitations,
        reduce_calls = result.ReduceCalls,
        nearest_days = result.NearestDays,
        notices = result.Notices,
        elapsed_ms = Ms(result.Elapsed),
    };
}
