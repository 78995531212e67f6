using System.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Corpus;

public sealed class CorpusFileReaderTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 11, 20);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Empty_file_is_refused_with_its_name()
    {
        var path = _temp.Write("empty.txt", "");

        var error = Assert.Throws<CorpusFormatException>(() => CorpusFileReader.Read(path, AsOf));

        Assert.Contains("empty.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_file_is_refused()
    {
        var path = _temp.File("image.txt");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);

        var error = Assert.Throws<CorpusFormatException>(() => CorpusFileReader.Read(path, AsOf));

        Assert.Contains("binary", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_the_line_of_the_first_bad_byte()
    {
        var path = _temp.File("latin1.txt");
        var bytes = Encoding.UTF8.GetBytes("Subscribe\nTitle one\nAbstract one\nCaf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CorpusFormatException>(() => CorpusFileReader.Read(path, AsOf));

        Assert.Equal(4, error.Line);
        Assert.Contains("UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_order_mark_is_ignored()
    {
        var path = _temp.File("bom.txt");
        File.WriteAllText(path, "SubscribeTitle one\nAbstract one.\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = CorpusFileReader.Read(path, AsOf);

        Assert.Equal("Title one", Assert.Single(result.Entries).Paper.Title);
    }

    [Fact]
    public void Text_that_is_not_a_page_is_refused_with_a_hint()
    {
        var path = _temp.Write("notes.txt", "just some notes\nabout nothing\n");

        var error = Assert.Throws<CorpusFormatException>(() => CorpusFileReader.Read(path, AsOf));

        Assert.Contains("Daily Papers", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<CorpusFormatException>(() => CorpusFileReader.Read(_temp.File("nope.txt"), AsOf));

        Assert.Contains("no such file", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_50_MB_page_is_read_whole()
    {
        var path = _temp.File("big.txt");
        var abstractText = string.Concat(Enumerable.Repeat("We study long inputs and measure what happens. ", 20));
        using (var writer = new StreamWriter(path))
        {
            writer.Write("Subscribe");
            for (var i = 0; writer.BaseStream.Length < 50L * 1024 * 1024; i++)
            {
                writer.Write($"Paper number {i}\n{abstractText}\n");
                if (i % 1000 == 0)
                {
                    writer.Flush();
                }
            }
        }

        var result = CorpusFileReader.Read(path, AsOf);

        Assert.True(result.Entries.Count > 50_000, $"only {result.Entries.Count} entries");
        Assert.Empty(result.Warnings);
    }
}
