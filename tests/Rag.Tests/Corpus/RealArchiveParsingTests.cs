using System.Text.Json.Nodes;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;

namespace PaperBot.Rag.Tests.Corpus;

/// <summary>Real archive files, and damaged files derived from them: what is read, what is skipped and what is said.</summary>
public sealed class RealArchiveParsingTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);
    private readonly TempFolder _temp = new();
    private readonly PaperStore _store;
    private readonly Ingestor _ingestor;

    public RealArchiveParsingTests()
    {
        _store = new PaperStore(_temp.File("index.db"));
        _ingestor = new Ingestor(_store, TimeProvider.System);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_newest_shape_gives_every_field_people_click()
    {
        var result = CorpusFileReader.Read(TestPaths.HfArchive("2026-04-10.json"), AsOf);

        Assert.Empty(result.Warnings);
        Assert.Equal(ArchiveFiles.Ids("2026-04-10.json"), result.Entries.Select(e => e.Paper.Id));
        var first = ArchiveFiles.Items("2026-04-10.json")[0]!;
        var paper = result.Entries[0].Paper;
        var source = first["paper"]!;
        Assert.Equal(source["githubRepo"]?.GetValue<string>(), paper.GithubRepo);
        Assert.Equal(source["githubStars"]?.GetValue<int>(), paper.GithubStars);
        Assert.Equal(source["projectPage"]?.GetValue<string>(), paper.ProjectPage);
        Assert.Equal(first["numComments"]!.GetValue<int>(), paper.NumComments);
        Assert.Equal(first["thumbnail"]!.GetValue<string>(), paper.Thumbnail);
        Assert.Equal(source["submittedOnDailyBy"]!["user"]!.GetValue<string>(), paper.Submitter);
        Assert.Equal(source["ai_summary"]!.GetValue<string>(), paper.AiSummary);
        Assert.Equal(source["ai_keywords"]!.AsArray().Count, paper.AiKeywords.Count);
        Assert.Equal(new DateOnly(2026, 4, 10), paper.FeaturedOn);
        Assert.Equal(new Uri($"https://huggingface.co/papers/{paper.ArxivId}"), paper.HuggingFaceUrl);
        Assert.Equal(new Uri($"https://arxiv.org/pdf/{paper.ArxivId}"), paper.PdfUrl);

        // Every organization in the file is read with both its name and its handle.
        var organizations = ArchiveFiles.Items("2026-04-10.json").Select(i => i!["organization"] ?? i["paper"]!["organization"]).ToList();
        Assert.Contains(organizations, o => o is not null);
        for (var i = 0; i < organizations.Count; i++)
        {
            var organization = organizations[i];
            Assert.Equal(organization?["name"]?.GetValue<string>().Trim(), result.Entries[i].Paper.OrganizationHandle);
            Assert.Equal((organization?["fullname"] ?? organization?["name"])?.GetValue<string>().Trim(), result.Entries[i].Paper.Organization);
        }
    }

    [Fact]
    public void A_torn_json_lines_line_is_skipped_with_file_and_line_and_the_good_lines_are_ingested()
    {
        var items = ArchiveFiles.Items("2025-03-11.json");
        var lines = items.Select(i => i!.ToJsonString()).ToList();
        lines[4] = lines[4][..(lines[4].Length / 2)];
        var path = _temp.Write("2025-03-11.jsonl", string.Join('\n', lines) + "\n");

        var (outcome, warnings) = _ingestor.IngestFile(path, AsOf);

        var warning = Assert.Single(warnings);
        Assert.Equal((path, 5), (warning.Path, warning.Line));
        Assert.Contains("malformed JSON", warning.Message, StringComparison.Ordinal);
        Assert.Equal(items.Count - 1, outcome.Added);
        Assert.Equal(items.Count - 1, _store.PapersOfDay(new DateOnly(2025, 3, 11)).Count);
    }

    [Fact]
    public void An_item_without_its_paper_object_is_skipped_with_a_warning_never_stored_id_less()
    {
        var items = ArchiveFiles.Items("2026-04-16.json");
        var lost = items[2]!.AsObject();
        lost.Remove("paper");
        var path = _temp.Write("2026-04-16.json", items.ToJsonString());

        var (outcome, warnings) = _ingestor.IngestFile(path, AsOf);

        var warning = Assert.Single(warnings);
        Assert.Equal("item has no paper object and no arXiv id; skipped", warning.Message);
        Assert.Equal(items.Count - 1, outcome.Added);
        Assert.All(_store.PapersOfDay(new DateOnly(2026, 4, 16)), p => Assert.NotNull(p.ArxivId));
    }

    [Fact]
    public void Python_repr_items_are_refused_item_by_item_and_the_file_reads_no_paper()
    {
        var path = TestPaths.HfArchive("2024-12-11.json");
        var count = JsonNode.Parse(File.ReadAllText(path))!.AsArray().Count;

        var parsed = CorpusFileReader.Read(path, AsOf);
        var error = Assert.Throws<CorpusFormatException>(() => _ingestor.IngestFile(path, AsOf));

        Assert.Empty(parsed.Entries);
        Assert.Equal(count, parsed.Warnings.Count);
        Assert.All(parsed.Warnings, w => Assert.Contains("Python repr", w.Message, StringComparison.Ordinal));
        Assert.Contains($"no paper could be read ({count} entries skipped", error.Message, StringComparison.Ordinal);
        Assert.True(_store.IsEmpty);
    }

    [Fact]
    public void The_archiver_s_envelope_is_refused_with_a_warning_that_says_so()
    {
        var parsed = CorpusFileReader.Read(TestPaths.HfArchive("2025-01-10.json"), AsOf);

        Assert.Empty(parsed.Entries);
        var warning = Assert.Single(parsed.Warnings);
        Assert.Equal((1, "an envelope object (status, date, count, data) around the listing, not the API's shape; skipped"), (warning.Line, warning.Message));
    }

    [Fact]
    public void An_empty_listing_is_a_valid_day_without_papers()
    {
        var path = _temp.Write("2026-04-11.json", "[]");

        var report = _ingestor.IngestFiles([path], AsOf);

        Assert.Empty(report.Failures);
        var outcome = Assert.Single(report.Outcomes);
        Assert.Equal((0, 0, false), (outcome.Entries, outcome.Added, outcome.AlreadyIngested));
        Assert.True(_ingestor.IngestFiles([path], AsOf).Outcomes[0].AlreadyIngested);
    }

    [Fact]
    public void The_api_s_error_body_is_reported_with_the_api_s_message()
    {
        var path = _temp.Write("2026-04-12.json", """{"error":"Invalid date: must be a weekday in the past"}""");

        var error = Assert.Throws<CorpusFormatException>(() => _ingestor.IngestFile(path, AsOf));

        Assert.Equal($"{path}:1: this is an error from the Hugging Face API, not papers: Invalid date: must be a weekday in the past", error.Message);
    }

    [Theory]
    [InlineData("<!DOCTYPE html>\n<html><head><title>503</title></head><body>Service unavailable</body></html>")]
    [InlineData("\n  <html lang=\"en\"><body>Log in</body></html>")]
    public void An_html_page_saved_as_json_is_named_for_what_it_is(string html)
    {
        var path = _temp.Write("2026-04-13.json", html);

        var error = Assert.Throws<CorpusFormatException>(() => _ingestor.IngestFile(path, AsOf));

        Assert.Equal($"{path}:1: this is an HTML page, not Daily Papers API JSON or a saved Daily Papers page", error.Message);
    }
}
