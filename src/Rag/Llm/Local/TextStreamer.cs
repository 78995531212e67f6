using System.Text;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Turns token bytes into text that is safe to show: a multi-byte character split across tokens is held until
/// complete (the UTF-8 decoder keeps the partial bytes), and text that could be the start of a stop sequence is
/// held until it is known not to be one.
/// </summary>
internal sealed class TextStreamer(IReadOnlyList<string> stopSequences)
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly StringBuilder _pending = new();
    private char[] _chars = new char[64];

    public bool Stopped { get; private set; }

    /// <summary>Adds a token's bytes; returns the text that can be released now (maybe empty).</summary>
    public string Push(ReadOnlySpan<byte> bytes)
    {
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[needed * 2];
        }

        var count = _decoder.GetChars(bytes, _chars, flush: false);
        _pending.Append(_chars, 0, count);
        return Release();
    }

    /// <summary>The held-back text at the end of generation (no stop sequence can complete any more).</summary>
    public string Flush()
    {
        if (Stopped)
        {
            return "";
        }

        var count = _decoder.GetChars([], _chars, flush: true);
        _pending.Append(_chars, 0, count);
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }

    private string Release()
    {
        if (stopSequences.Count == 0)
        {
            var all = _pending.ToString();
            _pending.Clear();
            return all;
        }

        var text = _pending.ToString();
        var stopAt = -1;
        foreach (var stop in stopSequences)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (stopAt < 0 || at < stopAt))
            {
                stopAt = at;
            }
        }

        if (stopAt >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return text[..stopAt];
        }

        var hold = 0;
        foreach (var stop in stopSequences)
        {
            hold = Math.Max(hold, SuffixThatStarts(text, stop));
        }

        _pending.Clear().Append(text, text.Length - hold, hold);
        return text[..^hold];
    }

    /// <summary>Length of the longest end of <paramref name="text"/> that is a proper beginning of <paramref name="stop"/>.</summary>
    private static int SuffixThatStarts(string text, string stop)
    {
        for (var length = Math.Min(text.Length, stop.Length - 1); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}
