using System.Text.Json.Nodes;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Tests.Corpus;

namespace PaperBot.Rag.Tests.Index;

/// <summary>The days a paper is filed under, from real archive files: where they come from and that order never matters.</summary>
public sealed class FeaturedDaysTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);
    private static readonly DateOnly March11 = new(2025, 3, 11);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_file_named_after_its_day_files_every_paper_under_that_day()
    {
        // 2025-03-11 predates submittedOnDailyAt; its publishedAt values are arXiv times, mostly of other days.
        var (store, ingestor) = NewIndex("a.db");
        var path = ArchiveFiles.Copy(_temp, "2025-03-11.json");

        var report = ingestor.IngestFiles([path], AsOf);

        Assert.Empty(report.Failures);
        Assert.Equal(0, report.GuessedDays);
        Assert.Equal(ArchiveFiles.Ids("2025-03-11.json").Order(), store.PapersOfDay(March11).Select(p => p.Id).Order());
    }

    [Fact]
    public void Without_a_day_in_the_name_featured_on_gives_it_and_without_either_the_day_is_a_counted_guess()
    {
        var (guessing, guessingIngestor) = NewIndex("guess.db");
        var (told, toldIngestor) = NewIndex("told.db");
        var path = ArchiveFiles.Copy(_temp, "2025-03-11.json", "listing.json");
        var ids = ArchiveFiles.Ids("2025-03-11.json");

        var guessed = guessingIngestor.IngestFiles([path], AsOf);
        var featured = toldIngestor.IngestFiles([path], AsOf, featuredOn: March11);

        Assert.Equal(ids.Count, guessed.GuessedDays);
        Assert.True(guessing.PapersOfDay(March11).Count < ids.Count);
        Assert.Equal(0, featured.GuessedDays);
        Assert.Equal(ids.Order(), told.PapersOfDay(March11).Select(p => p.Id).Order());
    }

    [Fact]
    public void An_invalid_submittedOnDailyAt_is_a_warning_naming_the_item_and_the_file_s_day_is_used()
    {
        var items = ArchiveFiles.Items("2026-04-10.json");
        var id = items[0]!["paper"]!["id"]!.GetValue<string>();
        items[0]!["paper"]!["submittedOnDailyAt"] = "the tenth";
        var path = _temp.Write("2026-04-10.json", items.ToJsonString());
        var (store, ingestor) = NewIndex("a.db");

        var report = ingestor.IngestFiles([path], AsOf);

        var warning = Assert.Single(report.Warnings);
        Assert.Equal($"item {id} has an invalid paper.submittedOnDailyAt (\"the tenth\"); ignored", warning.Message);
        Assert.Equal([new DateOnly(2026, 4, 10)], Assert.IsType<Paper>(store.Get(id)).Days);
    }

    [Fact]
    public void A_paper_featured_on_two_days_is_listed_on_both_whatever_the_order_of_ingestion()
    {
        var april10 = ArchiveFiles.Copy(_temp, "2026-04-10.json");
        var april16 = ArchiveFiles.Copy(_temp, "2026-04-16.json");
        var (forward, forwardIngestor) = NewIndex("forward.db");
        var (backward, backwardIngestor) = NewIndex("backward.db");

        forwardIngestor.IngestFiles([april10, april16], AsOf);
        backwardIngestor.IngestFiles([april16, april10], AsOf);

        var days = new[] { new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 16) };
        var paper = Assert.IsType<Paper>(forward.Get("2604.07429"));
        Assert.Equal(days, paper.Days);
        Assert.Equal(days[1], paper.Day);
        Assert.Equal(Describe(forward, days), Describe(backward, days));
        Assert.Equal(ArchiveFiles.Ids("2026-04-10.json").Order(), forward.PapersOfDay(days[0]).Select(p => p.Id).Order());
        Assert.Equal(ArchiveFiles.Ids("2026-04-16.json").Order(), forward.PapersOfDay(days[1]).Select(p => p.Id).Order());
        var fromSecondDay = forward.Search(new SearchRequest(paper.Title, Top: 50, From: days[1], To: days[1]));
        Assert.Contains(fromSecondDay, h => h.Paper.Id == "2604.07429");
        Assert.Equal(days[0], forward.Stats().FirstDay);
    }

    [Fact]
    public void A_guessed_day_gives_way_to_a_featured_day_in_either_order()
    {
        var published = new DateOnly(2025, 3, 10);
        var guessed = new Paper { Id = "2503.00001", ArxivId = "2503.00001", Title = "T", Abstract = "A", PublishedOn = published };
        var exact = guessed with { FeaturedOn = March11, Upvotes = 3 };
        var (first, _) = NewIndex("first.db");
        var (second, _) = NewIndex("second.db");

        first.Ingest("guess", "sha-guess", [guessed], DateTimeOffset.UnixEpoch);
        Assert.Equal([published], first.Get("2503.00001")!.Days);
        var update = first.Ingest("exact", "sha-exact", [exact], DateTimeOffset.UnixEpoch);
        second.Ingest("exact", "sha-exact", [exact], DateTimeOffset.UnixEpoch);
        second.Ingest("guess", "sha-guess", [guessed], DateTimeOffset.UnixEpoch);

        Assert.Equal(1, update.Updated);
        Assert.Equal([March11], first.Get("2503.00001")!.Days);
        Assert.Equal([March11], second.Get("2503.00001")!.Days);
        Assert.Empty(first.PapersOfDay(published));
        Assert.Empty(second.PapersOfDay(published));
    }

    [Fact]
    public void Two_arxiv_papers_with_the_same_title_stay_two_papers()
    {
        var items = ArchiveFiles.Items("2026-04-10.json");
        var title = items[0]!["paper"]!["title"]!.GetValue<string>();
        items[1]!["paper"]!["title"] = title;
        items[1]!["title"] = title;
        var path = _temp.Write("2026-04-10.json", items.ToJsonString());
        var (store, ingestor) = NewIndex("a.db");

        var report = ingestor.IngestFiles([path], AsOf);

        Assert.Equal(items.Count, report.Added);
        var ids = ArchiveFiles.Ids("2026-04-10.json");
        Assert.Equal(title, store.Get(ids[0])!.Title);
        Assert.Equal(title, store.Get(ids[1])!.Title);

        // A record without an arXiv id (a saved page) still joins the first paper of that title.
        var page = new Paper { Id = PaperIdentity.IdFor(null, title), Title = title, Abstract = "Short.", Upvotes = 10_000 };
        var merged = store.Ingest("page", "sha-page", [page], DateTimeOffset.UnixEpoch);
        Assert.Equal((0, 1), (merged.Added, merged.Updated));
        Assert.Equal(items.Count, store.Count);
    }

    private (PaperStore Store, Ingestor Ingestor) NewIndex(string name)
    {
        var store = new PaperStore(_temp.File(name));
        return (store, new Ingestor(store, TimeProvider.System));
    }

    private static List<string> Describe(PaperStore store, IEnumerable<DateOnly> days) =>
        [.. days.SelectMany(d => store.PapersOfDay(d).Select(p => $"{d}|{p.Id}|{p.Upvotes}|{string.Join(',', p.Days)}|{p.GithubStars}|{p.NumComments}"))];
}
