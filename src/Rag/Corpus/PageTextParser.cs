using System.Buffers;
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

    /// <summary>The line breaks <see cref="string.ReplaceLineEndings()"/> and <see cref="MemoryExtensions.EnumerateLines(ReadOnlySpan{char})"/> know.</summary>
    private static readonly SearchValues<char> NewLines = SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    private const string GluedHeader = "Subscribe";
    private const string MetaSeparator = "·";

    /// <summary>Parses <paramref name="text"/> (already decoded, any line endings).</summary>
    /// <param name="path">The file's path, used in warnings.</param>
    /// <param name="text">The page's text.</param>
    /// <param name="asOf">The page's reference date: a date without a year resolves to the latest such date on or before it.</param>
    public static ParseResult Parse(string path, string text, DateOnly asOf)
    {
        var warnings = new List<ParseWarning>();
        var entries = Entries(path, text, asOf, warnings).ToList();
        return new ParseResult(entries, warnings);
    }

    /// <summary>
    /// The page's entries in order, each made when it is asked for (a page of 100,000 papers is written while it
    /// is read); the entries it skips go to <paramref name="warnings"/> as they are met. The layout is told by
    /// one pass over the text that allocates nothing, before the first entry.
    /// </summary>
    internal static IEnumerable<ParsedEntry> Entries(string path, string text, DateOnly asOf, List<ParseWarning> warnings)
    {
        var (start, gluedFirstTitle) = SkipHeader(text);
        var body = BodyLines(text, start, gluedFirstTitle);
        return IsBlockLayout(text, start)
            ? ReadBlocks(path, body, asOf, warnings)
            : ReadAlternatingLines(path, body, warnings);
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

    /// <summary>The 0-based number of the first body line, and the first title when the header's "Subscribe" is glued to it.</summary>
    private static (int Start, string? GluedFirstTitle) SkipHeader(string text)
    {
        var i = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty || HeaderLines.Contains(line.ToString()) || IsPageDate(line.ToString()))
            {
                i++;
                continue;
            }

            if (line.StartsWith(GluedHeader, StringComparison.Ordinal) && line.Length > GluedHeader.Length
                && char.IsUpper(line[GluedHeader.Length]))
            {
                return (i, line[GluedHeader.Length..].Trim().ToString());
            }

            break;
        }

        return (i, null);
    }

    /// <summary>The body's lines from line <paramref name="start"/> (0-based) on, trimmed, with their 1-based numbers.</summary>
    private static IEnumerable<(string Text, int Line)> BodyLines(string text, int start, string? gluedFirstTitle)
    {
        var number = 0;
        var remaining = text.AsMemory();
        while (true)
        {
            var end = remaining.Span.IndexOfAny(NewLines);
            var line = end < 0 ? remaining : remaining[..end];
            if (number >= start)
            {
                yield return (number == start && gluedFirstTitle is not null ? gluedFirstTitle : line.Span.Trim().ToString(), number + 1);
            }

            number++;
            if (end < 0)
            {
                yield break;
            }

            var width = remaining.Span[end] == '\r' && end + 1 < remaining.Length && remaining.Span[end + 1] == '\n' ? 2 : 1;
            remaining = remaining[(end + width)..];
        }
    }

    /// <summary>
    /// Whether the body is laid out in blocks: it has a blank line before its last non-blank one (the layout with
    /// one title line and one abstract line alternating has none, except perhaps trailing ones).
    /// </summary>
    private static bool IsBlockLayout(string text, int start)
    {
        var number = 0;
        var blankSeen = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (number++ < start)
            {
                continue;
            }

            if (line.Trim().IsEmpty)
            {
                blankSeen = true;
            }
            else if (blankSeen)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The header's "Dec 12": a month and a day and nothing else.</summary>
    private static bool IsPageDate(string line) => PageDateRegex().IsMatch(line);

    private static IEnumerable<ParsedEntry> ReadAlternatingLines(string path, IEnumerable<(string Text, int Line)> body, List<ParseWarning> warnings)
    {
        (string Text, int Line)? title = null;
        foreach (var line in body)
        {
            if (line.Text.Length == 0)
            {
                continue;
            }

            if (title is null)
            {
                title = line;
                continue;
            }

            if (Entry(path, title.Value, line.Text, meta: null, warnings) is { } entry)
            {
                yield return entry;
            }

            title = null;
        }

        if (title is { } last)
        {
            warnings.Add(new ParseWarning(path, last.Line, "a title with no abstract after it (the page is cut off); skipped"));
        }
    }

    private static IEnumerable<ParsedEntry> ReadBlocks(
        string path, IEnumerable<(string Text, int Line)> body, DateOnly asOf, List<ParseWarning> warnings)
    {
        // A paper is a title block, an abstract block and perhaps a meta block: at most three blocks are looked at.
        using var blocks = new Lookahead<List<(string Text, int Line)>>(SplitBlocks(body));
        while (blocks.Peek(0) is { } title)
        {
            if (IsMetaBlock(title))
            {
                warnings.Add(new ParseWarning(path, title[0].Line, "an author/date line with no paper before it; skipped"));
                blocks.Skip(1);
                continue;
            }

            var abstractBlock = blocks.Peek(1);
            if (abstractBlock is null || IsMetaBlock(abstractBlock))
            {
                warnings.Add(new ParseWarning(path, title[0].Line, "a title with no abstract after it (the page is cut off); skipped"));
                blocks.Skip(abstractBlock is null ? 1 : 2);
                continue;
            }

            blocks.Skip(2);
            PageMeta? meta = null;
            if (blocks.Peek(0) is { } next && IsMetaBlock(next))
            {
                meta = ReadMeta(path, next, asOf, warnings);
                blocks.Skip(1);
            }

            if (Entry(path, (JoinBlock(title), title[0].Line), JoinBlock(abstractBlock), meta, warnings) is { } entry)
            {
                yield return entry;
            }
        }
    }

    private static IEnumerable<List<(string Text, int Line)>> SplitBlocks(IEnumerable<(string Text, int Line)> body)
    {
        List<(string Text, int Line)>? current = null;
        foreach (var line in body)
        {
            if (line.Text.Length == 0)
            {
                if (current is not null)
                {
                    yield return current;
                }

                current = null;
                continue;
            }

            current ??= [];
            current.Add(line);
        }

        if (current is not null)
        {
            yield return current;
        }
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

    /// <summary>The paper of a title and an abstract; null (with a warning) when the title has no letters or digits.</summary>
    private static ParsedEntry? Entry(
        string path, (string Text, int Line) title, string abstractText, PageMeta? meta, List<ParseWarning> warnings)
    {
        if (PaperIdentity.TitleKey(title.Text).Length == 0)
        {
            warnings.Add(new ParseWarning(path, title.Line, "a title with no letters or digits; skipped"));
            return null;
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
        return new ParsedEntry(paper, title.Line);
    }

    /// <summary>A sequence read ahead by a few items: <see cref="Peek"/> the next ones, <see cref="Skip"/> past them.</summary>
    private sealed class Lookahead<T>(IEnumerable<T> items) : IDisposable
        where T : class
    {
        private readonly IEnumerator<T> _items = items.GetEnumerator();
        private readonly List<T> _ahead = [];

        /// <summary>The item <paramref name="offset"/> places ahead; null past the end.</summary>
        public T? Peek(int offset)
        {
            while (_ahead.Count <= offset && _items.MoveNext())
            {
                _ahead.Add(_items.Current);
            }

            return offset < _ahead.Count ? _ahead[offset] : null;
        }

        public void Skip(int count) => _ahead.RemoveRange(0, Math.Min(count, _ahead.Count));

        public void Dispose() => _items.Dispose();
    }

    private sealed record PageMeta(int? AuthorCount, string? Organization, DateOnly? PublishedOn, int? Upvotes);

    [GeneratedRegex(@"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}$")]
    private static partial Regex PageDateRegex();

    [GeneratedRegex(@"^(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<day>\d{1,2})(, (?<year>\d{4}))?( (?<up>\d+))?$")]
    private static partial Regex MetaDateRegex();

    [GeneratedRegex(@"^(\d+) authors?$")]
    private static partial Regex AuthorsRegex();
}
