namespace PaperBot.Bench;

/// <summary>One simulated user's question: every interaction token it was asked under, and when each was asked.</summary>
internal sealed class SoakQuestion(int user, string text)
{
    public int User { get; } = user;

    public string Text { get; } = text;

    public List<(string Token, DateTimeOffset AskedAt)> Attempts { get; } = [];

    public TimeSpan? Latency { get; set; }
}
