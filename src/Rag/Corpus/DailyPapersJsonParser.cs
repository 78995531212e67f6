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
    public static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                return c is '[' or '{';
            }
        }

        return false;
    }

    /// <summary>Parses a file's decoded text.</summary>
    /// <exception cref="CorpusFormatException">The text is not well-formed JSON, or holds neither arrays nor objects.</exception>
    public static ParseResult Parse(string path, string text) => Parse(path, Encoding.UTF8.GetBytes(text), out _);

    /// <summary>Parses UTF-8 JSON and reports how many items it held, skipped ones included, so paging can tell an empty page.</summary>
    internal static ParseResult Parse(string path, ReadOnlySpan<byte> utf8, out int itemCount)
    {
        utf8 = utf8.StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8;
        var entries = new List<ParsedEntry>();
        var warnings = new List<ParseWarning>();
        var lines = new LineTracker();
        itemCount = 0;
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        ReadItem(ref reader, utf8, ref lines, path, entries, warnings);
                        itemCount++;
                    }
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadItem(ref reader, utf8, ref lines, path, entries, warnings);
                    itemCount++;
                }
                else
                {
                    var line = lines.LineAt(utf8, reader.TokenStartIndex);
                    throw new CorpusFormatException(path, line, $"expected a JSON array or object, found {Describe(reader.TokenType)}");
                }
            }
        }
        catch (JsonException e)
        {
            // The reader counts lines from 0 over the whole input, JSON Lines included.
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new CorpusFormatException(path, line, $"malformed JSON at column {column}: {ReasonOf(e)}");
        }

        return new ParseResult(entries, warnings);
    }

    private static void ReadItem(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> utf8,
        ref LineTracker lines,
        string path,
        List<ParsedEntry> entries,
        List<ParseWarning> warnings)
    {
        var line = lines.LineAt(utf8, reader.TokenStartIndex);
        using var document = JsonDocument.ParseValue(ref reader);
        var paper = DailyPapersItemReader.Read(document.RootElement, path, line, warnings);
        if (paper is not null)
        {
            entries.Add(new ParsedEntry(paper, line));
        }
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
    private struct LineTracker
    {
        private long _offset;
        private int _line;

        public int LineAt(ReadOnlySpan<byte> utf8, long offset)
        {
            _line += utf8[(int)_offset..(int)offset].Count((byte)'\n');
            _offset = offset;
            return _line + 1;
        }
    }
}
