using PaperBot.Bot.Chat;

namespace PaperBot.Bot.Tests.Chat;

public sealed class WordWrapWriterTests
{
    [Fact]
    public void Streamed_pieces_wrap_at_word_boundaries()
    {
        var output = new StringWriter();
        var writer = new WordWrapWriter(output, 20);

        foreach (var piece in new[] { "The quick br", "own fox jum", "ps over the la", "zy dog.\nNew para", "graph here." })
        {
            writer.Write(piece);
        }

        writer.Finish();

        Assert.Equal("The quick brown fox\njumps over the lazy\ndog.\nNew paragraph here.\n", output.ToString());
        Assert.Equal(4, writer.LineBreaks);
    }

    [Fact]
    public void A_word_longer_than_the_line_is_cut()
    {
        var output = new StringWriter();
        var writer = new WordWrapWriter(output, 10);

        writer.Write("see https://example.org/very/long");
        writer.Finish();

        Assert.All(output.ToString().Split('\n'), line => Assert.True(line.Length <= 10, line));
    }

    [Fact]
    public void Wide_characters_count_as_two_cells()
    {
        var output = new StringWriter();
        var writer = new WordWrapWriter(output, 10);

        writer.Write("ab 中文中文 cd");
        writer.Finish();

        Assert.Equal("ab\n中文中文\ncd\n", output.ToString());
    }
}
