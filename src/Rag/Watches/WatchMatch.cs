using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Watches;

/// <summary>One paper a watch matched, and why (the watch's words it contains, or the author or organization).</summary>
public sealed record WatchMatch(long Pid, Paper Paper, string Reason, double Probability);
