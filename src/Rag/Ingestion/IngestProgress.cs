namespace PaperBot.Rag.Ingestion;

/// <summary>Progress of an ingest: how many files are done out of how many, and the file being read.</summary>
public sealed record IngestProgress(int Done, int Total, string? CurrentFile);
