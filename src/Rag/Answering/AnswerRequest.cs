namespace PaperBot.Rag.Answering;

/// <summary>
/// A question to answer, optionally limited to papers of a day range (inclusive) and following earlier turns
/// of a conversation (oldest first). <see cref="NoModel"/> forces the extractive answer even with a model.
/// </summary>
public sealed record AnswerRequest(string Question)
{
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    public bool NoModel { get; init; }
}
