namespace PaperBot.Rag.Corpus;

// Temporary stand-in until the sync branch lands; replaced by the real parser on merge.
public static class DailyPapersJsonParser
{
    public static bool LooksLikeJson(string text)
    {
        var t = text.AsSpan().TrimStart();
        return t.Length > 0 && (t[0] == '[' || t[0] == '{');
    }

    public static ParseResult Parse(string path, string text) => throw new CorpusFormatException(path, null, "JSON not supported yet");
}
