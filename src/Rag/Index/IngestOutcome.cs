namespace PaperBot.Rag.Index;

/// <summary>What one ingested file changed: entries read, papers added, papers enriched, and whether it was skipped as already ingested.</summary>
public sealed record IngestOutcome(string Path, int Entries, int Added, int Updated, bool AlreadyIngested);
