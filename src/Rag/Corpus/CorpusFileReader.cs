using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// Turns one file into papers: checks that it is text we can read (not empty, not binary, valid UTF-8, not
/// absurdly large), strips a byte-order mark, and hands it to the parser for its format.
/// </summary>
public static partial class CorpusFileReader
{
    /// <summary>Files above this size are refused rather than read into memory.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The extensions <c>ingest</c> picks up when given a folder.</summary>
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".json", ".jsonl", ".ndjson" };

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="asOf">The reference date for page dates without a year; null = the file's write time.</param>
    /// <param name="featuredOn">
    /// The day the file stands for when its name carries none (<c>ingest --featured-on</c>): the featured day of
    /// its papers that do not state one.
    /// </param>
    /// <exception cref="CorpusFormatException">The file cannot be read as papers.</exception>
    public static ParseResult Read(string path, DateOnly? asOf, DateOnly? featuredOn = null)
    {
        var warnings = new List<ParseWarning>();
        var entries = ReadEntries(path, asOf, featuredOn, warnings).ToList();
        return new ParseResult(entries, warnings);
    }

    /// <summary>
    /// Reads <paramref name="path"/> as <see cref="Read"/> does, but hands its entries out as they are parsed: the
    /// whole file is read and checked (size, encoding, format) before this returns; a saved page's entries are
    /// made as they are enumerated (JSON, whose items are small files' worth, is parsed whole first). The entries
    /// skipped go to <paramref name="warnings"/> as they are met, so it is complete once the entries are.
    /// </summary>
    /// <exception cref="CorpusFormatException">The file cannot be read as papers.</exception>
    public static IEnumerable<ParsedEntry> ReadEntries(string path, DateOnly? asOf, DateOnly? featuredOn, List<ParseWarning> warnings)
    {
        var bytes = ReadBytes(path);
        var text = Decode(path, bytes);
        if (text.AsSpan().Trim().IsEmpty)
        {
            throw new CorpusFormatException(path, null, "the file is empty");
        }

        var dayOfSource = DayInFileName(path) ?? featuredOn;
        if (DailyPapersJsonParser.LooksLikeJson(text))
        {
            var json = DailyPapersJsonParser.Parse(path, text, dayOfSource);
            warnings.AddRange(json.Warnings);
            return json.Entries;
        }

        if (DailyPapersJsonParser.LooksLikeHtml(text))
        {
            throw new CorpusFormatException(path, 1, DailyPapersJsonParser.HtmlPageMessage);
        }

        if (PageTextParser.LooksLikePage(text))
        {
            var referenceDate = asOf ?? DateOnly.FromDateTime(File.GetLastWriteTimeUtc(path));
            var page = PageTextParser.Entries(path, text, referenceDate, warnings);
            return dayOfSource is null ? page : page.Select(e => e with { Paper = e.Paper with { FeaturedOn = e.Paper.FeaturedOn ?? dayOfSource } });
        }

        throw new CorpusFormatException(path, 1,
            "not a saved Daily Papers page nor Hugging Face API JSON (a page starts with lines such as 'Daily Papers' or 'Subscribe')");
    }

    /// <summary>
    /// The day a file's name says it stands for, as archives of the API name them (<c>2025-03-11.json</c>,
    /// <c>daily_papers-2025-03-11.json</c>); null when the name holds no valid yyyy-MM-dd date.
    /// </summary>
    public static DateOnly? DayInFileName(string path)
    {
        var match = DateInName().Match(Path.GetFileNameWithoutExtension(path));
        return match.Success && DateOnly.TryParseExact(match.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DateInName();

    private static byte[] ReadBytes(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CorpusFormatException(path, null, "no such file");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new CorpusFormatException(path, null,
                    $"the file is {info.Length / (1024 * 1024)} MiB; files over {MaxFileBytes / (1024 * 1024)} MiB are not read (split it into JSON Lines files)");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CorpusFormatException(path, null, $"cannot be read: {e.Message}");
        }
    }

    private static string Decode(string path, byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        else if (OtherUnicode(span) is { } encoding)
        {
            // Saved as "Unicode" by an editor: said as such rather than as binary (its ASCII is half zero bytes).
            throw new CorpusFormatException(path, null, $"the file is not UTF-8 ({encoding} found, by its byte-order mark); save it as UTF-8");
        }

        var probe = span[..Math.Min(span.Length, 8192)];
        if (probe.IndexOf((byte)0) >= 0)
        {
            throw new CorpusFormatException(path, LineOf(span, probe.IndexOf((byte)0)), "this is a binary file, not text");
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw new CorpusFormatException(path, LineOf(span, FirstInvalidUtf8(span)), "the file is not valid UTF-8 text");
        }
    }

    /// <summary>The encoding a UTF-16 or UTF-32 byte-order mark at the start names; null without one.</summary>
    private static string? OtherUnicode(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 little-endian",
        [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 big-endian",
        [0xFF, 0xFE, ..] => "UTF-16 little-endian",
        [0xFE, 0xFF, ..] => "UTF-16 big-endian",
        _ => null,
    };

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var index = 0;
        while (index < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return 0;
    }

    private static int LineOf(ReadOnlySpan<byte> bytes, int offset) =>
        bytes[..Math.Clamp(offset, 0, bytes.Length)].Count((byte)'\n') + 1;
}
