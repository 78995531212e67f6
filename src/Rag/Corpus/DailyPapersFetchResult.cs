namespace PaperBot.Rag.Corpus;

/// <summary>
/// The papers of one Daily Papers listing, de-duplicated on <see cref="Paper.Id"/> in the API's order.
/// Entry lines and warning paths refer to the page (request path and query) the item came from.
/// </summary>
public sealed record DailyPapersFetchResult(
    DailyPapersPeriod Period,
    IReadOnlyList<ParsedEntry> Entries,
    IReadOnlyList<ParseWarning> Warnings,
    int Pages,
    int DuplicatesSkipped)
{
    /// <summary>The same entries and warnings as a file's parse result, for the ingester.</summary>
    public ParseResult ToParseResult() => new(Entries, Warnings);
}
