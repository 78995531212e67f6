using PaperBot.Rag.Answering;

namespace PaperBot.Bot.Chat;

/// <summary>Times one answer as the user sees it: from Enter to the first streamed text, and to the end.</summary>
public sealed class ChatStopwatch(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private TimeSpan? _first;
    private TimeSpan _last;

    public void MarkFirst()
    {
        _last = time.GetElapsedTime(_started);
        _first ??= _last;
    }

    /// <summary>
    /// The answer's speed. The usage the answer carries is preferred for tokens (the model counts tokens, not
    /// stream pieces); without it, stream pieces stand in for tokens.
    /// </summary>
    public AnswerSpeed Speed(AnswerResult result, int pieces)
    {
        var total = time.GetElapsedTime(_started);
        var first = _first ?? total;
        // Extractive answers and "not covered" replies are not generated: there are no tokens to count.
        if (result.Mode == AnswerMode.Extractive || !result.FoundRelevant)
        {
            return new AnswerSpeed(null, null, first, total);
        }

        var streaming = _last - first;
        var measured = pieces > 1 && streaming > TimeSpan.Zero ? (pieces - 1) / streaming.TotalSeconds : (double?)null;
        return new AnswerSpeed(result.Usage.TokensPerSecond ?? measured, result.Usage.AnswerTokens ?? pieces, first, total);
    }
}
