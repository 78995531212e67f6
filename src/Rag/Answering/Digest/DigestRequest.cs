namespace PaperBot.Rag.Answering.Digest;

/// <summary>The digest of one day (null: the latest day in the index); <see cref="NoModel"/> forces the extractive digest.</summary>
public sealed record DigestRequest(DateOnly? Day = null, bool NoModel = false)
{
    /// <summary>A week, a month or a range of days to digest instead of one day.</summary>
    public DigestPeriod? Period { get; init; }
}
