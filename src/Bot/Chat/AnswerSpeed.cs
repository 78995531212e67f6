using System.Globalization;
using PaperBot.Rag;

namespace PaperBot.Bot.Chat;

/// <summary>How fast the last answer came: generated tokens per second, time to its first token, and in all.</summary>
/// <param name="TokensPerSecond">Null for an extractive answer.</param>
public sealed record AnswerSpeed(double? TokensPerSecond, int? Tokens, TimeSpan TimeToFirstToken, TimeSpan Total)
{
    public override string ToString()
    {
        var parts = new List<string>();
        if (TokensPerSecond is { } rate)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{rate:0.0} tok/s"));
        }

        if (Tokens is { } tokens)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Plural.Of(tokens, "token")}"));
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"first token {TimeToFirstToken.TotalSeconds:0.00} s"));
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"total {Total.TotalSeconds:0.00} s"));
        return string.Join(" · ", parts);
    }
}
