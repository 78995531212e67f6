using System.Globalization;

namespace PaperBot.Rag.Answering;

/// <summary>
/// The days an answer is limited to (inclusive; an open end is null) and whether the question named them in words
/// rather than an option (<c>--date</c>, the chat's <c>/date</c>, the slash command's <c>date:</c>).
/// </summary>
public sealed record AnswerPeriod(DateOnly? From, DateOnly? To, bool FromQuestion)
{
    public bool IsSingleDay => From is { } from && To == from;

    /// <summary>"2026-06-16", "2026-06-01 to 2026-06-30", "from 2026-06-01 on", "up to 2026-06-30".</summary>
    public string Describe() => (From, To) switch
    {
        ({ } f, { } t) when f == t => Day(f),
        ({ } f, { } t) => $"{Day(f)} to {Day(t)}",
        ({ } f, null) => $"from {Day(f)} on",
        (null, { } t) => $"up to {Day(t)}",
        _ => "any day",
    };

    /// <summary>"on 2026-06-16", "from 2026-06-01 to 2026-06-30": how an answer says which days it looked at.</summary>
    public string Phrase() => IsSingleDay ? "on " + Describe() : From is not null && To is not null ? "from " + Describe() : Describe();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
