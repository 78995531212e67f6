using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Corpus;

public sealed class DailyPapersJsonParserTests
{
    // The composed example of reference/discord-and-hf-api.md Part B, as one /api/daily_papers array.
    private const string ComposedExample = """
        [{"paper":{"id":"2510.01234","authors":[{"_id":"a1","name":"Ada Example","hidden":false}],
         "publishedAt":"2025-10-01T17:59:00.000Z","submittedOnDailyAt":"2025-10-02T04:10:00.000Z",
         "title":"A Small Example Paper","summary":"We study examples.","upvotes":42,"discussionId":"66f0c0",
         "ai_summary":"An example method beats baselines.","ai_keywords":["examples"]},
         "publishedAt":"2025-10-02T04:10:00.000Z","title":"A Small Example Paper","summary":"We study examples.",
         "thumbnail":"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2510.01234.png","numComments":3,
         "submittedBy":{"_id":"u1","name":"someuser","fullname":"Some User","avatarUrl":"/avatars/x.svg","isPro":false,"type":"user"},
         "isAuthorParticipating":false}]
        """;

    [Fact]
    public void Composed_daily_papers_item_maps_every_field()
    {
        var result = DailyPapersJsonParser.Parse("day.json", ComposedExample);

        Assert.Empty(result.Warnings);
        var entry = Assert.Single(result.Entries);
        Assert.Equal(1, entry.Line);
        var paper = entry.Paper;
        Assert.Equal("2510.01234", paper.Id);
        Assert.Equal("2510.01234", paper.ArxivId);
        Assert.Equal("A Small Example Paper", paper.Title);
        Assert.Equal("We study examples.", paper.Abstract);
        Assert.Equal(["Ada Example"], paper.Authors);
        Assert.Equal(1, paper.AuthorCount);
        Assert.Equal(new DateOnly(2025, 10, 1), paper.PublishedOn);
        Assert.Equal(new DateOnly(2025, 10, 2), paper.FeaturedOn);
        Assert.Equal(42, paper.Upvotes);
        Assert.Equal("An example method beats baselines.", paper.AiSummary);
        Assert.Equal(["examples"], paper.AiKeywords);
        Assert.Null(paper.Organization);
    }

    [Fact]
    public void Whitespace_in_abstracts_and_titles_is_normalized()
    {
        const string json = """
            [{"paper":{"id":"2510.00001","title":"  Long\n  Title ","summary":"Line one\nline two.\n\n  Line\tthree.\n"}}]
            """;

        var paper = Assert.Single(DailyPapersJsonParser.Parse("day.json", json).Entries).Paper;

        Assert.Equal("Long Title", paper.Title);
        Assert.Equal("Line one line two. Line three.", paper.Abstract);
    }

    [Fact]
    public void Without_submittedOnDailyAt_the_featured_day_is_the_source_s_day_never_the_entry_publishedAt()
    {
        // The wrapper's publishedAt was taken for the featured day once; in Dec 2024 - Mar 2025 it is the evening
        // before or an arXiv time, so only the day the source stands for is trusted. Dates are UTC.
        const string json = """
            [{"paper":{"id":"2510.00002","title":"T","summary":"S","publishedAt":"2025-10-01T23:30:00-02:00"},
              "publishedAt":"2025-10-03T01:00:00+03:00"}]
            """;

        var unknown = Assert.Single(DailyPapersJsonParser.Parse("day.json", json).Entries).Paper;
        var known = Assert.Single(DailyPapersJsonParser.Parse("day.json", json, new DateOnly(2025, 10, 6)).Entries).Paper;

        Assert.Equal(new DateOnly(2025, 10, 2), unknown.PublishedOn);
        Assert.Null(unknown.FeaturedOn);
        Assert.Equal(new DateOnly(2025, 10, 6), known.FeaturedOn);
    }

    [Fact]
    public void Ai_fields_and_organization_are_read_at_the_top_level_too()
    {
        const string json = """
            [{"paper":{"id":"2510.00003","title":"T","summary":"S",
                "authors":[{"_id":"a","name":"Named Author","hidden":true},{"_id":"b","hidden":false},{"name":"  "}]},
              "ai_summary":"Top summary.","ai_keywords":["a"," b ",3,null],
              "organization":{"_id":"o","name":"nvidia","fullname":"NVIDIA","avatar":"x.png"}}]
            """;

        var paper = Assert.Single(DailyPapersJsonParser.Parse("day.json", json).Entries).Paper;

        Assert.Equal("Top summary.", paper.AiSummary);
        Assert.Equal(["a", "b"], paper.AiKeywords);
        Assert.Equal("NVIDIA", paper.Organization);
        Assert.Equal(["Named Author"], paper.Authors);
        Assert.Equal(3, paper.AuthorCount);
    }

    [Fact]
    public void Flat_paper_object_is_one_paper()
    {
        const string json = """
            {
              "id": "2510.01234",
              "authors": [{"_id": "a1", "name": "Ada Example", "hidden": false, "user": {"user": "ada"}, "status": "claimed_verified"},
                          {"_id": "a2", "name": "Bo Example", "hidden": false}],
              "publishedAt": "2025-10-01T17:59:00.000Z",
              "submittedOnDailyAt": "2025-10-02T04:10:00.000Z",
              "title": "A Small Example Paper",
              "summary": "We study\nexamples.",
              "upvotes": 42,
              "organization": {"name": "example-org"},
              "numComments": 3,
              "linkedModels": [{"id": "m/x"}],
              "linkedDatasets": [],
              "numTotalModels": 1.0
            }
            """;

        var result = DailyPapersJsonParser.Parse("paper.json", json);

        var paper = Assert.Single(result.Entries).Paper;
        Assert.Empty(result.Warnings);
        Assert.Equal("2510.01234", paper.Id);
        Assert.Equal("We study examples.", paper.Abstract);
        Assert.Equal(["Ada Example", "Bo Example"], paper.Authors);
        Assert.Equal(new DateOnly(2025, 10, 1), paper.PublishedOn);
        Assert.Equal(new DateOnly(2025, 10, 2), paper.FeaturedOn);
        Assert.Equal("example-org", paper.Organization);
    }

    [Fact]
    public void Flat_paper_without_submittedOnDailyAt_has_no_featured_day()
    {
        const string json = """{"id":"2510.00004","title":"T","summary":"S","publishedAt":"2025-10-01T00:00:00Z"}""";

        var paper = Assert.Single(DailyPapersJsonParser.Parse("paper.json", json).Entries).Paper;

        Assert.Equal(new DateOnly(2025, 10, 1), paper.PublishedOn);
        Assert.Null(paper.FeaturedOn);
    }

    [Fact]
    public void Json_lines_mix_items_objects_and_arrays_with_their_line_numbers()
    {
        var json = string.Join('\n',
            """{"paper":{"id":"2510.00010","title":"First","summary":"S1"}}""",
            """{"id":"2510.00011","title":"Second","summary":"S2"}""",
            "",
            """[{"paper":{"id":"2510.00012","title":"Third","summary":"S3"}},{"paper":{"id":"2510.00013","title":"Fourth","summary":"S4"}}]""",
            """{"id":"2510.00014","summary":"no title"}""",
            """{"id":"2510.00015","title":"Last","summary":"S6"}""");

        var result = DailyPapersJsonParser.Parse("papers.jsonl", json);

        Assert.Equal(["2510.00010", "2510.00011", "2510.00012", "2510.00013", "2510.00015"], result.Entries.Select(e => e.Paper.Id));
        Assert.Equal([1, 2, 4, 4, 6], result.Entries.Select(e => e.Line));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("papers.jsonl", 5), (warning.Path, warning.Line));
        Assert.Contains("2510.00014", warning.Message, StringComparison.Ordinal);
        Assert.Contains("title", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_results_are_read_wrapped_or_flat()
    {
        const string wrapped = """
            [{"paper":{"id":"2501.00001","title":"Wrapped","summary":"S","upvotes":5},"publishedAt":"2025-01-02T00:00:00Z","numComments":0},
             {"paper":{"id":"2501.00002","title":"Wrapped 2","summary":"S"}}]
            """;
        const string flat = """
            [{"id":"2501.00001","title":"Flat","summary":"S","upvotes":5,"publishedAt":"2025-01-01T00:00:00Z"},
             {"id":"2501.00002","title":"Flat 2","summary":"S"}]
            """;

        var fromWrapped = DailyPapersJsonParser.Parse("search.json", wrapped);
        var fromFlat = DailyPapersJsonParser.Parse("search.json", flat);

        Assert.Equal(["2501.00001", "2501.00002"], fromWrapped.Entries.Select(e => e.Paper.Id));
        Assert.Equal(["2501.00001", "2501.00002"], fromFlat.Entries.Select(e => e.Paper.Id));
        Assert.Null(fromWrapped.Entries[0].Paper.FeaturedOn);
        Assert.Equal(5, fromFlat.Entries[0].Paper.Upvotes);
        Assert.Equal([1, 2], fromFlat.Entries.Select(e => e.Line));
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("42.0", 42)]
    [InlineData("7.6", 8)]
    [InlineData("1e2", 100)]
    [InlineData("\"12\"", null)]
    [InlineData("null", null)]
    [InlineData("1e300", null)]
    public void Upvotes_may_be_floats(string upvotes, int? expected)
    {
        var json = $$$"""[{"paper":{"id":"2510.00020","title":"T","summary":"S","upvotes":{{{upvotes}}}}}]""";

        var paper = Assert.Single(DailyPapersJsonParser.Parse("day.json", json).Entries).Paper;

        Assert.Equal(expected, paper.Upvotes);
    }

    [Fact]
    public void Only_title_and_summary_are_required()
    {
        const string json = """[{"paper":{"title":"Only A Title","summary":"And an abstract."}}]""";

        var result = DailyPapersJsonParser.Parse("day.json", json);

        Assert.Empty(result.Warnings);
        var paper = Assert.Single(result.Entries).Paper;
        Assert.Equal(PaperIdentity.IdFor(null, "Only A Title"), paper.Id);
        Assert.StartsWith("t-", paper.Id, StringComparison.Ordinal);
        Assert.Null(paper.ArxivId);
        Assert.Empty(paper.Authors);
        Assert.Null(paper.AuthorCount);
        Assert.Null(paper.PublishedOn);
        Assert.Null(paper.FeaturedOn);
        Assert.Null(paper.Upvotes);
        Assert.Null(paper.AiSummary);
        Assert.Empty(paper.AiKeywords);
        Assert.Null(paper.Organization);
    }

    [Fact]
    public void Items_without_title_or_summary_are_warned_about_and_the_rest_is_read()
    {
        const string json = """
            [
              {
                "paper": {"id": "2510.00030", "title": "Good one", "summary": "S"}
              },
              {
                "paper": {"id": "2510.00031", "summary": "No title here"}
              },
              {
                "paper": {"id": "2510.00032", "title": "No summary", "summary": "  "}
              },
              {"paper": {}},
              42,
              {
                "paper": {"id": "2510.00033", "title": "Good two", "summary": "S"}
              }
            ]
            """;

        var result = DailyPapersJsonParser.Parse("day.json", json);

        Assert.Equal(["2510.00030", "2510.00033"], result.Entries.Select(e => e.Paper.Id));
        Assert.Equal([2, 13], result.Entries.Select(e => e.Line));
        Assert.Equal(
            [
                "day.json:5: item 2510.00031 has no title; skipped",
                "day.json:8: item 2510.00032 has no summary (abstract); skipped",
                "day.json:11: item has no title and summary; skipped",
                "day.json:12: item is number, not an object; skipped",
            ],
            result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Title_and_summary_may_come_from_the_wrapper()
    {
        const string json = """[{"paper":{"id":"2510.00040"},"title":"Wrapper title","summary":"Wrapper summary"}]""";

        var paper = Assert.Single(DailyPapersJsonParser.Parse("day.json", json).Entries).Paper;

        Assert.Equal(("Wrapper title", "Wrapper summary"), (paper.Title, paper.Abstract));
    }

    [Fact]
    public void Unknown_fields_of_any_shape_are_ignored()
    {
        const string json = """
            [{"paper":{"id":"2510.00050","title":"T","summary":"S","mediaUrls":["a","b"],"githubStars":12.0,
                       "withdrawnAt":null,"futureThing":{"deep":[{"x":[1,2,{"y":null}]}]},"authors":[]},
              "thumbnail":null,"isAuthorParticipating":true,"anotherNewField":[[],{}]}]
            """;

        var result = DailyPapersJsonParser.Parse("day.json", json);

        Assert.Empty(result.Warnings);
        var paper = Assert.Single(result.Entries).Paper;
        Assert.Equal(0, paper.AuthorCount);
    }

    [Fact]
    public void Invalid_dates_are_warned_about_and_ignored()
    {
        const string json = """
            [{"paper":{"id":"2510.00060","title":"T","summary":"S","publishedAt":"not a date","submittedOnDailyAt":12},
              "publishedAt":"2025-10-02T04:10:00.000Z"},
             {"paper":{"id":"2510.00061","title":"T2","summary":"S2","publishedAt":null}}]
            """;

        var result = DailyPapersJsonParser.Parse("day.json", json, new DateOnly(2025, 10, 3));

        Assert.Equal(2, result.Entries.Count);
        var paper = result.Entries[0].Paper;
        Assert.Null(paper.PublishedOn);
        Assert.Equal(new DateOnly(2025, 10, 3), paper.FeaturedOn);
        Assert.Equal(
            [
                "day.json:1: item 2510.00060 has an invalid paper.submittedOnDailyAt (12); ignored",
                "day.json:1: item 2510.00060 has an invalid paper.publishedAt (\"not a date\"); left empty",
            ],
            result.Warnings.Select(w => w.ToString()));
        Assert.Null(result.Entries[1].Paper.PublishedOn);
    }

    [Fact]
    public void Malformed_pretty_printed_json_names_the_file_and_line()
    {
        const string json = """
            [
              {"paper": {"id": "2510.00070", "title": "T", "summary": "S"}},
              {"paper": {"id": "2510.00071", "title": "T" "summary": "S"}}
            ]
            """;

        var error = Assert.Throws<CorpusFormatException>(() => DailyPapersJsonParser.Parse("day.json", json));

        Assert.Equal("day.json", error.Path);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("day.json:3: malformed JSON at column", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"id\":\"1\",\"title\":\"T\",\"summary\":\"S\"}", 1)]
    [InlineData("\n\n[1,2,}", 3)]
    [InlineData("[{\"id\":\"1\",\"title\":\"T\",\"summary\":\"S\"},\n{\"id\":\"2\",", 2)]
    public void Malformed_json_names_the_line(string text, int line)
    {
        var error = Assert.Throws<CorpusFormatException>(() => DailyPapersJsonParser.Parse("papers.jsonl", text));

        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_top_level_scalar_is_not_papers_json()
    {
        var error = Assert.Throws<CorpusFormatException>(() => DailyPapersJsonParser.Parse("x.json", "\n\"just a string\""));

        Assert.Equal("x.json:2: expected a JSON array or object, found a string", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData(" [ ]\n[]\n")]
    public void Empty_listings_give_nothing(string text)
    {
        var result = DailyPapersJsonParser.Parse("empty.json", text);

        Assert.Empty(result.Entries);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("[{}]", true)]
    [InlineData("  \n\t{\"id\":1}", true)]
    [InlineData("\uFEFF[", true)]
    [InlineData("Get trending papers in your email inbox!", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("\"text\"", false)]
    public void LooksLikeJson_checks_the_first_non_space_char(string text, bool expected) =>
        Assert.Equal(expected, DailyPapersJsonParser.LooksLikeJson(text));
}
