using System.Text;
using System.Text.Json;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// Reads Hugging Face papers JSON: a <c>/api/daily_papers</c> array, a <c>/api/papers/{id}</c> object, a
/// <c>/api/papers/search</c> array (items wrapped in <c>paper</c> or flat), or JSON Lines of any of these.
/// </summary>
/// <remarks>
/// Built on <see cref="Utf8JsonReader"/> and <see cref="JsonDocument"/> rather than a deserializer so that
/// unknown fields, floats where integers are expected and missing fields never fail the whole file, and so
/// that each item's starting line is known for warnings.
/// </remarks>
public static class DailyPapersJsonParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        // One reader serves both a single document and JSON Lines (values separated by whitespace).
        AllowMultipleValues = true,
    };

    /// <summary>Whether the text is JSON rather than saved page text: its first non-space char is '[' or '{'.</summary>
    public static bool LooksLikeJson(string text) => FirstNonSpace(text) is '[' or '{';

    private static char? FirstNonSpace(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the text is markup (an HTML error or login page saved as .json): its first non-space char is '&lt;'.
    /// </summary>
    public static bool LooksLikeHtml(string text) => FirstNonSpace(text) == '<';

    /// <summary>The message for a source that is an HTML page.</summary>
    public const string HtmlPageMessage = "this is an HTML page, not Daily Papers API JSON or a saved Daily Papers page";

    /// <summary>Parses a file's decoded text.</summary>
    /// <param name="path">The file, for messages.</param>
    /// <param name="text">Its text.</param>
    /// <param name="dayOfSource">The day the whole file stands for, if known: the featured day of items without one.</param>
    /// <exception cref="CorpusFormatException">
    /// The text is not well-formed JSON, holds neither arrays nor objects, is the API's error body or an HTML page.
    /// </exception>
    public static ParseResult Parse(string path, string text, DateOnly? dayOfSource = null) =>
        Parse(path, Encoding.UTF8.GetBytes(text), dayOfSource, out _);

    /// <summary>Parses UTF-8 JSON and reports how many items it held, skipped ones included, so paging can tell an empty page.</summary>
    internal static ParseResult Parse(string path, ReadOnlySpan<byte> utf8, DateOnly? dayOfSource, out int itemCount)
    {
        utf8 = utf8.StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8;
        var trimmed = utf8.TrimStart(" \t\r\n"u8);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'<')
        {
            throw new CorpusFormatException(path, 1, HtmlPageMessage);
        }

        var items = new ItemSink(path, dayOfSource);
        try
        {
            ReadValues(utf8, 1, items);
        }
        catch (JsonException) when (IsJsonLines(utf8))
        {
            // JSON Lines: one torn line costs that line only. Read again line by line, from scratch.
            items = new ItemSink(path, dayOfSource);
            ReadLines(utf8, items);
        }
        catch (JsonException e)
        {
            // The reader counts lines from 0 over the whole input.
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new CorpusFormatException(path, line, $"malformed JSON at column {column}: {ReasonOf(e)}");
        }

        itemCount = items.Count;
        return new ParseResult(items.Entries, items.Warnings);
    }

    /// <summary>Reads every top-level value of <paramref name="utf8"/>, whose first byte is on line <paramref name="firstLine"/>.</summary>
    private static void ReadValues(ReadOnlySpan<byte> utf8, int firstLine, ItemSink items)
    {
        var lines = new LineTracker(firstLine);
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadItem(ref reader, utf8, ref lines, items, topLevel: false);
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadItem(ref reader, utf8, ref lines, items, topLevel: true);
            }
            else
            {
                var line = lines.LineAt(utf8, reader.TokenStartIndex);
                throw new CorpusFormatException(items.Path, line, $"expected a JSON array or object, found {Describe(reader.TokenType)}");
            }
        }
    }

    /// <summary>Reads JSON Lines one line at a time; a line that is not JSON is skipped with a warning.</summary>
    private static void ReadLines(ReadOnlySpan<byte> utf8, ItemSink items)
    {
        var number = 0;
        foreach (var range in utf8.Split((byte)'\n'))
        {
            number++;
            var line = utf8[range];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            var before = (items.Entries.Count, items.Warnings.Count, items.Count);
            try
            {
                ReadValues(line, number, items);
            }
            catch (JsonException e)
            {
                // Drop what the line gave before it broke: a torn line is skipped whole.
                items.Truncate(before);
                var column = (e.BytePositionInLine ?? 0) + 1;
                items.Warnings.Add(new ParseWarning(items.Path, number, $"malformed JSON at column {column}: {ReasonOf(e)}; line skipped"));
            }
        }
    }

    /// <summary>JSON Lines: the first non-blank line is a JSON value by itself, and more lines follow.</summary>
    private static bool IsJsonLines(ReadOnlySpan<byte> utf8)
    {
        var rest = utf8.TrimStart(" \t\r\n"u8);
        var end = rest.IndexOf((byte)'\n');
        if (end < 0 || rest[(end + 1)..].Trim(" \t\r\n"u8).IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(rest[..end]);
            reader.Read();
            reader.Skip();
            return reader.BytesConsumed > 0 && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ReadItem(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, ref LineTracker lines, ItemSink items, bool topLevel)
    {
        var line = lines.LineAt(utf8, reader.TokenStartIndex);
        using var document = JsonDocument.ParseValue(ref reader);
        items.Count++;
        if (topLevel && ErrorMessage(document.RootElement) is { } error)
        {
            throw new CorpusFormatException(items.Path, line, $"this is an error from the Hugging Face API, not papers: {error}");
        }

        var paper = DailyPapersItemReader.Read(document.RootElement, items.Path, line, items.DayOfSource, items.Warnings);
        if (paper is not null)
        {
            items.Entries.Add(new ParsedEntry(paper, line));
        }
    }

    /// <summary>The API's message when <paramref name="obj"/> is its error body (<c>{"error": "..."}</c>).</summary>
    private static string? ErrorMessage(JsonElement obj)
    {
        if (!obj.TryGetProperty("error", out var error) || obj.TryGetProperty("paper", out _) || obj.TryGetProperty("title", out _))
        {
            return null;
        }

        return error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText();
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>The reader's message without its own 0-based "LineNumber: n | BytePositionInLine: m." suffix.</summary>
    private static string ReasonOf(JsonException e)
    {
        var message = e.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (suffix >= 0 ? message[..suffix] : message).TrimEnd();
    }

    /// <summary>
    /// Turns byte offsets into 1-based line numbers. Offsets only grow while reading, so each call counts
    /// the newlines since the previous one and the whole file is scanned once.
    /// </summary>
    private struct LineTracker(int firstLine)
    {
        private long _offset;
        private int _line = firstLine - 1;

        public int LineAt(ReadOnlySpan<byte> utf8, long offset)
        {
            _line += utf8[(int)_offset..(int)offset].Count((byte)'\n');
            _offset = offset;
            return _line + 1;
        }
    }

    /// <summary>What the items of one source gave so far.</summary>
    private sealed class ItemSink(string path, DateOnly? dayOfSource)
    {
        public string Path { get; } = path;

        public DateOnly? DayOfSource { get; } = dayOfSource;

        public List<ParsedEntry> Entries { get; } = [];

        public List<ParseWarning> Warnings { get; } = [];

        /// <summary>Items seen, skipped ones included.</summary>
        public int Count { get; set; }

        public void Truncate((int Entries, int Warnings, int Count) mark)
        {
            Entries.RemoveRange(mark.Entries, Entries.Count - mark.Entries);
            Warnings.RemoveRange(mark.Warnings, Warnings.Count - mark.Warnings);
            Count = mark.Count;
        }
    }
}
