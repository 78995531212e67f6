using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace PaperBot.Rag.Answering;

/// <summary>What one streamed generation produced: its text, the usage the model reported, and why it stopped early (if it did).</summary>
internal sealed class Generation
{
    private TimeSpan? _firstToken;
    private int? _promptTokens;
    private int? _answerTokens;
    private double? _tokensPerSecond;

    public StringBuilder Text { get; } = new();

    public string? Failure { get; set; }

    /// <summary>Set when no model could be reached before any text: the answer falls back to the extractive one.</summary>
    public Llm.ModelUnavailableException? Unavailable { get; set; }

    public AnswerUsage Usage => new(_promptTokens, _answerTokens, _tokensPerSecond, _firstToken);

    /// <summary>Notes the first text's time (since the request began) and the usage a model attaches to its last update.</summary>
    public void Record(ChatResponseUpdate update, TimeSpan sinceRequest)
    {
        if (!string.IsNullOrEmpty(update.Text))
        {
            _firstToken ??= sinceRequest;
        }

        if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
        {
            _promptTokens = (int?)usage.Details.InputTokenCount ?? _promptTokens;
            _answerTokens = (int?)usage.Details.OutputTokenCount ?? _answerTokens;
        }

        // The local engine reports its decoding speed; a remote server does not, and the front end measures it.
        if (update.AdditionalProperties?.TryGetValue("tokens_per_second", out var rate) == true && rate is not null)
        {
            _tokensPerSecond = Convert.ToDouble(rate, CultureInfo.InvariantCulture);
        }
    }
}
