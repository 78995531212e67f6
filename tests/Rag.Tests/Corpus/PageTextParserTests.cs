using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Corpus;

public class PageTextParserTests
{
    private static readonly DateOnly AsOf = new(2025, 11, 20);

    private const string Header = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nDec 12\n\n";

    [Fact]
    public void Layout_with_meta_blocks_reads_authors_dates_upvotes_and_organizations()
    {
        var text = Header +
            "First Paper Title\n\nFirst abstract.\n\n  • 7 authors\n·\nSep 4, 2024\n\n" +
            "Second Paper\n\nSecond abstract.\n\nnvidia NVIDIA\n·\nJul 12, 2024 2\n\n" +
            "Third Paper\n\nThird abstract.\n\n  • 1 author\n·\nOct 2 15\n";

        var result = PageTextParser.Parse("page.txt", text, AsOf);

        Assert.Empty(result.Warnings);
        Assert.Equal(3, result.Entries.Count);
        var (first, second, third) = (result.Entries[0].Paper, result.Entries[1].Paper, result.Entries[2].Paper);
        Assert.Equal("First Paper Title", first.Title);
        Assert.Equal("First abstract.", first.Abstract);
        Assert.Equal(7, first.AuthorCount);
        Assert.Equal(new DateOnly(2024, 9, 4), first.PublishedOn);
        Assert.Null(first.Upvotes);
        Assert.Equal("NVIDIA", second.Organization);
        Assert.Null(second.AuthorCount);
        Assert.Equal(2, second.Upvotes);
        Assert.Equal(new DateOnly(2025, 10, 2), third.PublishedOn);
        Assert.Equal(15, third.Upvotes);
        Assert.Equal(1, third.AuthorCount);
    }

    [Fact]
    public void Layout_without_meta_blocks_pairs_titles_and_abstracts()
    {
        var text = Header + "Paper A\n\nAbstract A.\n\nPaper B\n\nAbstract B.\n";

        var result = PageTextParser.Parse("page.txt", text, AsOf);

        Assert.Equal(["Paper A", "Paper B"], result.Entries.Select(e => e.Paper.Title));
        Assert.Equal(["Abstract A.", "Abstract B."], result.Entries.Select(e => e.Paper.Abstract));
        Assert.All(result.Entries, e => Assert.Null(e.Paper.PublishedOn));
    }

    [Fact]
    public void Layout_without_blank_lines_unglues_subscribe_from_the_first_title()
    {
        var text = "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n" +
            "SubscribeLearning Code Preference via Synthetic Evolution\nAbstract one.\nSecond Title\nAbstract two.\n";

        var result = PageTextParser.Parse("page.txt", text, AsOf);

        Assert.Equal(["Learning Code Preference via Synthetic Evolution", "Second Title"], result.Entries.Select(e => e.Paper.Title));
        Assert.Equal(3, result.Entries[0].Line);
        Assert.Equal(5, result.Entries[1].Line);
    }

    [Fact]
    public void A_date_without_year_resolves_to_the_latest_such_date_on_or_before_the_reference_date()
    {
        var text = Header + "P1\n\nA1.\n\n  • 2 authors\n·\nDec 24\n\nP2\n\nA2.\n\n  • 2 authors\n·\nNov 20\n";

        var result = PageTextParser.Parse("page.txt", text, AsOf);

        Assert.Equal(new DateOnly(2024, 12, 24), result.Entries[0].Paper.PublishedOn);
        Assert.Equal(new DateOnly(2025, 11, 20), result.Entries[1].Paper.PublishedOn);
    }

    [Fact]
    public void February_29_without_year_goes_back_to_a_leap_year_and_with_a_non_leap_year_is_a_warning()
    {
        var text = Header + "P1\n\nA1.\n\n  • 2 authors\n·\nFeb 29\n\nP2\n\nA2.\n\n  • 2 authors\n·\nFeb 29, 2023\n";

        var result = PageTextParser.Parse("page.txt", text, AsOf);

        Assert.Equal(new DateOnly(2024, 2, 29), result.Entries[0].Paper.PublishedOn);
        Assert.Null(result.Entries[1].Paper.PublishedOn);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Feb 29, 2023", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Entries.Count);
    }

    [Fact]
    public void A_page_cut_off_after_a_title_keeps_the_complete_entries_and_warns_with_the_line()
    {
        var blocks = Header + "P1\n\nA1.\n\nP2 cut off here\n";
        var alternating = "Subscribe\nP1\nA1.\nP2 cut off\n";

        var fromBlocks = PageTextParser.Parse("a.txt", blocks, AsOf);
        var fromLines = PageTextParser.Parse("b.txt", alternating, AsOf);

        Assert.Single(fromBlocks.Entries);
        Assert.Equal(17, Assert.Single(fromBlocks.Warnings).Line);
        Assert.Single(fromLines.Entries);
        Assert.Equal(4, Assert.Single(fromLines.Warnings).Line);
    }

    [Fact]
    public void Crlf_line_endings_parse_like_lf()
    {
        var text = Header + "P1\n\nA1.\n\n  • 3 authors\n·\nSep 4, 2024\n";

        var lf = PageTextParser.Parse("a.txt", text, AsOf);
        var crlf = PageTextParser.Parse("a.txt", text.Replace("\n", "\r\n", StringComparison.Ordinal), AsOf);

        Assert.Equal(lf.Entries.Select(e => e.Paper), crlf.Entries.Select(e => e.Paper), new PaperValueComparer());
        Assert.Equal(3, crlf.Entries[0].Paper.AuthorCount);
    }

    [Theory]
    [InlineData("000_fa3845e3e36f2e0c.txt", 48)]
    [InlineData("001_9feee06b10f5237b.txt", 98)]
    [InlineData("002_903765704607382b.txt", 87)]
    [InlineData("003_927dc3d867dcf3be.txt", 89)]
    [InlineData("004_c13465fd94926c2e.txt", 275)]
    public void Sample_pages_yield_their_exact_entry_counts_without_warnings(string file, int entries)
    {
        var path = Path.Combine(TestPaths.SeedDirectory, file);

        var result = CorpusFileReader.Read(path, AsOf);

        Assert.Equal(entries, result.Entries.Count);
        Assert.Empty(result.Warnings);
        Assert.All(result.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Paper.Title));
            Assert.True(e.Paper.Abstract.Length > 100, $"abstract of '{e.Paper.Title}' looks wrong: {e.Paper.Abstract}");
        });
    }

    [Fact]
    public void Sample_pages_carry_meta_data_where_present()
    {
        var result = CorpusFileReader.Read(Path.Combine(TestPaths.SeedDirectory, "001_9feee06b10f5237b.txt"), AsOf);

        Assert.Contains(result.Entries, e => e.Paper.AuthorCount == 24 && e.Paper.Upvotes == 1 && e.Paper.PublishedOn == new DateOnly(2024, 4, 9));
        Assert.Contains(result.Entries, e => e.Paper.Organization is not null);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\u2028")]
    [InlineData("\f")]
    public void Every_line_break_gives_the_entries_and_lines_of_plain_newlines(string lineBreak)
    {
        // Blocks with meta data, and the layout without blank lines: each line break text editors write.
        var blocks = Header + "First Paper\n\nFirst abstract.\n\n  • 7 authors\n·\nSep 4, 2024\n\nSecond Paper\n\nSecond abstract.\n";
        var alternating = "SubscribeFirst Paper\nFirst abstract.\nSecond Paper\nSecond abstract.\n\n";
        foreach (var text in new[] { blocks, alternating })
        {
            var expected = PageTextParser.Parse("page.txt", text, AsOf);

            var result = PageTextParser.Parse("page.txt", text.Replace("\n", lineBreak, StringComparison.Ordinal), AsOf);

            Assert.Equal(2, expected.Entries.Count);
            Assert.Equal(expected.Entries.Select(e => (e.Paper.Title, e.Paper.Abstract, e.Line, e.Paper.AuthorCount)),
                result.Entries.Select(e => (e.Paper.Title, e.Paper.Abstract, e.Line, e.Paper.AuthorCount)));
        }
    }

    [Fact]
    public void Entries_are_made_as_they_are_asked_for_and_skipped_ones_reported_as_they_are_met()
    {
        var text = Header + "Paper A\n\nAbstract A.\n\n!!!\n\nAbstract of nothing.\n\nPaper C\n\nAbstract C.\n";
        var warnings = new List<ParseWarning>();

        using var entries = PageTextParser.Entries("page.txt", text, AsOf, warnings).GetEnumerator();

        Assert.True(entries.MoveNext());
        Assert.Equal("Paper A", entries.Current.Paper.Title);
        Assert.Empty(warnings);
        Assert.True(entries.MoveNext());
        Assert.Equal("Paper C", entries.Current.Paper.Title);
        Assert.Equal("a title with no letters or digits; skipped", Assert.Single(warnings).Message);
        Assert.False(entries.MoveNext());
    }

    /// <summary>Compares papers by value, lists included (records compare lists by reference).</summary>
    private sealed class PaperValueComparer : IEqualityComparer<Paper>
    {
        public bool Equals(Paper? x, Paper? y) => x is not null && y is not null && x.Title == y.Title && x.Abstract == y.Abstract
            && x.AuthorCount == y.AuthorCount && x.PublishedOn == y.PublishedOn && x.Upvotes == y.Upvotes && x.Organization == y.Organization;

        public int GetHashCode(Paper obj) => obj.Title.GetHashCode(StringComparison.Ordinal);
    }
}
