using System.Text;
using System.Text.RegularExpressions;
using PaperBot.Bot.Discord.Bot;

namespace PaperBot.Bot.Tests.Discord;

public sealed class MessageSplitterTests
{
    private static string Sentence(int i) => $"Sentence number {i} talks about retrieval augmented generation in some detail.";

    private static string Paragraph(int sentences, int seed) =>
        string.Join(" ", Enumerable.Range(seed, sentences).Select(Sentence));

    [Fact]
    public void Short_text_is_one_message()
    {
        Assert.Equal(["hello"], MessageSplitter.Split("  hello \n"));
        Assert.Equal([new string('a', 2000)], MessageSplitter.Split(new string('a', 2000)));
        Assert.Empty(MessageSplitter.Split("   "));
    }

    [Fact]
    public void Splits_at_paragraphs_when_it_can()
    {
        var paragraphs = Enumerable.Range(0, 6).Select(i => Paragraph(8, i * 10)).ToArray();
        var text = string.Join("\n\n", paragraphs);

        var chunks = MessageSplitter.Split(text);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        Assert.Equal(text, string.Join("\n\n", chunks));
        Assert.All(chunks, c => Assert.StartsWith("Sentence number", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Splits_a_long_paragraph_at_a_sentence_end()
    {
        var text = Paragraph(60, 0);

        var chunks = MessageSplitter.Split(text);

        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        Assert.All(chunks, c => Assert.EndsWith(".", c, StringComparison.Ordinal));
        Assert.Equal(text, string.Join(" ", chunks));
    }

    [Fact]
    public void Keeps_citations_with_their_sentence()
    {
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < 5000; i++)
        {
            builder.Append(CultureInvariant($"Claim {i} is supported by evidence. [{i % 9 + 1}][{i % 7 + 2}] "));
        }

        var chunks = MessageSplitter.Split(builder.ToString());

        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        Assert.All(chunks, c => Assert.EndsWith("]", c, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.Matches(@"^Claim", c));
    }

    [Fact]
    public void Never_cuts_a_link_or_a_citation_even_without_sentences()
    {
        var words = Enumerable.Range(0, 700).Select(i => (i % 5) switch
        {
            0 => $"[paper {i} title](https://arxiv.org/abs/2401.{i:D5})",
            1 => $"[{i}, {i + 1}]",
            _ => "word",
        });
        var text = string.Join(" ", words);

        var chunks = MessageSplitter.Split(text);

        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        var links = Regex.Matches(text, @"\[[^\]]*\]\([^)]*\)").Select(m => m.Value).ToList();
        Assert.All(links, link => Assert.Contains(chunks, c => c.Contains(link, StringComparison.Ordinal)));
        Assert.Equal(text, string.Join(" ", chunks));
    }

    [Fact]
    public void Moves_a_code_block_whole_to_the_next_message()
    {
        var code = "```python\n" + string.Join("\n", Enumerable.Range(0, 20).Select(i => $"x_{i} = compute(x_{i - 1}, alpha)")) + "\n```";
        var text = Paragraph(20, 0) + " " + code + " " + Paragraph(5, 100);

        var chunks = MessageSplitter.Split(text);

        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        Assert.Contains(chunks, c => c.Contains(code, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.Equal(0, Regex.Count(c, "```") % 2));
    }

    [Fact]
    public void Splits_an_oversized_code_block_with_closed_and_reopened_fences()
    {
        var lines = Enumerable.Range(0, 200).Select(i => $"let value{i} = model.forward(batch{i});").ToList();
        var text = "```rust\n" + string.Join("\n", lines) + "\n```";

        var chunks = MessageSplitter.Split(text);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        Assert.All(chunks, c => Assert.StartsWith("```rust\n", c, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.EndsWith("\n```", c, StringComparison.Ordinal));
        var restored = chunks.SelectMany(c => c.Split('\n')).Where(l => !l.StartsWith("```", StringComparison.Ordinal)).ToList();
        Assert.Equal(lines, restored);
    }

    [Fact]
    public void Text_without_any_break_is_cut_hard()
    {
        var chunks = MessageSplitter.Split(new string('x', 4500));

        Assert.Equal([2000, 2000, 500], chunks.Select(c => c.Length));
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
