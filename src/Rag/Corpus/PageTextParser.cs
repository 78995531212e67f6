using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// Reads a saved Hugging Face Daily Papers page (as text) in any of its three layouts:
/// blank-line separated title/abstract blocks with an optional meta block (authors or organization, "·",
/// date and upvotes), the same without meta blocks, or one title line and one abstract line alternating with
/// no blank lines at all (where the header's "Subscribe" is glued to the first title).
/// </summary>
public static partial class PageTextParser
{
    private static readonly HashSet<string> HeaderLines = new(StringComparer.Ordinal)
    {
        "new",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
    };

    private const string GluedHeader = "Subscribe";
    private const string MetaSeparator = "·";

    /// <summary>Parses <paramref name="text"/> (already decoded, any line endings).</summary>
    /// <param name="path">The file's path, used in warnings.</param>
    /// <param name="text">The page's text.</param>
    /// <param name="asOf">The page's reference date: a date without a year resolves to the latest such date on or before it.</param>
    public static ParseResult Parse(string path, string text, DateOnly asOf)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var start = SkipHeader(lines, out var gluedFirstTitle);
        var body = new List<(string Text, int Line)>();
        for (var i = start; i < lines.Length; i++)
        {
            body.Add((lines[i].Trim(), i + 1));
        }

        if (gluedFirstTitle is not null)
        {
            body[0] = (gluedFirstTitle, body[0].Line);
        }

        var entries = new List<ParsedEntry>();
        var warnings = new List<ParseWarning>();
        if (body.Exists(l => l.Text.Length == 0) && !IsAlternatingLayout(body))
        {
            ReadBlocks(path, body, asOf, entries, warnings);
        }
        else
        {
            ReadAlternatingLines(path, body, entries, warnings);
        }

        return new ParseResult(entries, warnings);
    }

    /// <summary>Whether the text looks like a saved Daily Papers page at all.</summary>
    public static bool LooksLikePage(string text)
    {
        using var reader = new StringReader(text);
        for (var i = 0; i < 12 && reader.ReadLine() is { } line; i++)
        {
            var trimmed = line.Trim();
            if (HeaderLines.Contains(trimmed) || trimmed.StartsWith(GluedHeader, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipHeader(string[] lines, out string? gluedFirstTitle)
    {
        gluedFirstTitle = null;
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || HeaderLines.Contains(line) || IsPageDate(line))
            {
                i++;
                continue;
            }

            if (line.StartsWith(GluedHeader, StringComparison.Ordinal) && line.Length > GluedHeader.Length
                && char.IsUpper(line[GluedHeader.Length]))
            {
                gluedFirstTitle = line[GluedHeader.Length..].Trim();
            }

            break;
        }

        return i;
    }

    /// <summary>The header's "Dec 12": a month and a day and nothing else.</summary>
    private static bool IsPageDate(string line) => PageDateRegex().IsMatch(line);

    /// <summary>
    /// Layout 3 has no blank lines except perhaps a trailing one; a file of blocks has many.
    /// </summary>
    private static bool IsAlternatingLayout(List<(string Text, int Line)> body)
    {
        var lastNonBlank = body.FindLastIndex(l => l.Text.Length > 0);
        for (var i = 0; i < lastNonBlank; i++)
        {
            if (body[i].Text.Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void ReadAlternatingLines(
        string path, List<(string Text, int Line)> body, List<ParsedEntry> entries, List<ParseWarning> warnings)
    {
        var lines = body.Where(l => l.Text.Length > 0).ToList();
        for (var i = 0; i + 1 < lines.Count; i += 2)
        {
            AddEntry(path, lines[i], lines[i + 1].Text, meta: null, entries, warnings);
        }

        if (lines.Count % 2 == 1)
        {
            warnings.Add(new ParseWarning(path, lines[^1].Line, "a title with no abstract after it (the page is cut off); skipped"));
        }
    }

    private static void ReadBlocks(
        string path, List<(string Text, int Line)> body, DateOnly asOf, List<ParsedEntry> entries, List<ParseWarning> warnings)
    {
        var blocks = SplitBlocks(body);
        var i = 0;
        while (i < blocks.Count)
        {
            var title = blocks[i];
            if (IsMetaBlock(title))
            {
                warnings.Add(new ParseWarning(path, title[0].Line, "an author/date line with no paper before it; skipped"));
                i++;
                continue;
            }

            if (i + 1 >= blocks.Count || IsMetaBlock(blocks[i + 1]))
            {
                warnings.Add(new ParseWarning(path, title[0].Line, "a title with no abstract after it (the page is cut off); skipped"));
                i += i + 1 < blocks.Count ? 2 : 1;
                continue;
            }

            var abstractBlock = blocks[i + 1];
            i += 2;
            PageMeta? meta = null;
            if (i < blocks.Count && IsMetaBlock(blocks[i]))
            {
                meta = ReadMeta(path, blocks[i], asOf, warnings);
                i++;
            }

            AddEntry(path, (JoinBlock(title), title[0].Line), JoinBlock(abstractBlock), meta, entries, warnings);
        }
    }

    private static List<List<(string Text, int Line)>> SplitBlocks(List<(string Text, int Line)> body)
    {
        var blocks = new List<List<(string Text, int Line)>>();
        List<(string Text, int Line)>? current = null;
        foreach (var line in body)
        {
            if (line.Text.Length == 0)
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                blocks.Add(current);
            }

            current.Add(line);
        }

        return blocks;
    }

    private static string JoinBlock(List<(string Text, int Line)> block) =>
        string.Join(' ', block.Select(l => l.Text));

    private static bool IsMetaBlock(List<(string Text, int Line)> block) =>
        block.Count >= 2 && block[1].Text == MetaSeparator;

    private static PageMeta ReadMeta(string path, List<(string Text, int Line)> block, DateOnly asOf, List<ParseWarning> warnings)
    {
        int? authorCount = null;
        string? organization = null;
        var who = block[0].Text.TrimStart('•').Trim();
        var authors = AuthorsRegex().Match(who);
        if (authors.Success)
        {
            authorCount = int.Parse(authors.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        else if (who.Length > 0)
        {
            organization = OrganizationName(who);
        }

        DateOnly? published = null;
        int? upvotes = null;
        if (block.Count >= 3)
        {
            var date = MetaDateRegex().Match(block[2].Text);
            if (date.Success)
            {
                published = ResolveDate(date, asOf);
                if (published is null)
                {
                    warnings.Add(new ParseWarning(path, block[2].Line, $"'{block[2].Text}' is not a valid date; the paper is kept without one"));
                }

                if (date.Groups["up"].Success)
                {
                    upvotes = int.Parse(date.Groups["up"].Value, CultureInfo.InvariantCulture);
                }
            }
            else
            {
                warnings.Add(new ParseWarning(path, block[2].Line, $"'{block[2].Text}' is not a date; the paper is kept without one"));
            }
        }

        return new PageMeta(authorCount, organization, published, upvotes);
    }

    /// <summary>Organization lines repeat the name as slug and display name ("nvidia NVIDIA"): keep the display name.</summary>
    private static string OrganizationName(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length % 2 == 0)
        {
            var half = words.Length / 2;
            var first = string.Join(' ', words[..half]);
            var second = string.Join(' ', words[half..]);
            if (string.Equals(first, second, StringComparison.OrdinalIgnoreCase))
            {
                return second;
            }
        }

        return line;
    }

    private static DateOnly? ResolveDate(Match date, DateOnly asOf)
    {
        var month = DateTime.ParseExact(date.Groups["mon"].Value, "MMM", CultureInfo.InvariantCulture).Month;
        var day = int.Parse(date.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (date.Groups["year"].Success)
        {
            var year = int.Parse(date.Groups["year"].Value, CultureInfo.InvariantCulture);
            return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
        }

        // No year: the latest such date on or before the page's reference date. Feb 29 may need to go back
        // up to four years to a leap year; a day that never exists (Apr 31) has no date at all.
        for (var year = asOf.Year; year >= asOf.Year - 8; year--)
        {
            if (day <= DateTime.DaysInMonth(year, month))
            {
                var candidate = new DateOnly(year, month, day);
                if (candidate <= asOf)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static void AddEntry(
        string path, (string Text, int Line) title, string abstractText, PageMeta? meta,
        List<ParsedEntry> entries, List<ParseWarning> warnings)
    {
        if (PaperIdentity.TitleKey(title.Text).Length == 0)
        {
            warnings.Add(new ParseWarning(path, title.Line, "a title with no letters or digits; skipped"));
            return;
        }

        var paper = new Paper
        {
            Id = PaperIdentity.IdFor(null, title.Text),
            Title = SourceText.Title(title.Text),
            Abstract = SourceText.Prose(abstractText),
            AuthorCount = meta?.AuthorCount,
            Organization = meta?.Organization,
            PublishedOn = meta?.PublishedOn,
            Upvotes = meta?.Upvotes,
        };
        entries.Add(new ParsedEntry(paper, title.Line));
    }

    private sealed record PageMeta(int? AuthorCount, string? Organization, DateOnly? PublishedOn, int? Upvotes);

    [GeneratedRegex(@"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}$")]
    private static partial Regex PageDateRegex();

    [GeneratedRegex(@"^(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<day>\d{1,2})(, (?<year>\d{4}))?( (?<up>\d+))?$")]
    private static partial Regex MetaDateRegex();

    [GeneratedRegex(@"^(\d+) authors?$")]
    private static partial Regex AuthorsRegex();
}
