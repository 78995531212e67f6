namespace PaperBot.Rag.Answering;

/// <summary>How long each stage of answering took.</summary>
public sealed record AnswerTimings(
    TimeSpan Condense, TimeSpan Retrieval, TimeSpan Packing, TimeSpan Generation, TimeSpan Citations, TimeSpan Total)
{
    public static AnswerTimings Zero { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}
