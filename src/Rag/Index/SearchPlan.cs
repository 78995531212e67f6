namespace PaperBot.Rag.Index;

/// <summary>
/// How a query runs: a first FTS5 expression (optionally limited to the newest papers), and a second, broader
/// one that fills the remaining places when the first finds fewer papers than asked for.
/// </summary>
internal sealed record SearchPlan(string Primary, long? MinRowId, string? Fallback);
