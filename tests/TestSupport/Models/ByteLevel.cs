namespace PaperBot.TestSupport.Models;

/// <summary>
/// GPT-2's byte-level alphabet: every byte as one printable character (printable Latin-1 bytes as themselves, the
/// others shifted above U+0100), which is how "gpt2" GGUF vocabularies spell their tokens.
/// </summary>
internal static class ByteLevel
{
    private static readonly char[] Alphabet = Build();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = Alphabet[bytes[i]];
        }

        return new string(chars);
    }

    private static char[] Build()
    {
        var alphabet = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            alphabet[b] = printable ? (char)b : (char)next++;
        }

        return alphabet;
    }
}
