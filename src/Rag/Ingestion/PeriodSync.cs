using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Ingestion;

/// <summary>What syncing one period from the Daily Papers API did: papers fetched, added, enriched, and the items skipped.</summary>
public sealed record PeriodSync(DailyPapersPeriod Period, int Fetched, int Added, int Updated, IReadOnlyList<ParseWarning> Warnings);
