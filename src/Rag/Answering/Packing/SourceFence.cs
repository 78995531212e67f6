using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Packing;

/// <summary>
/// Writes a paper as a labelled data block, <c>&lt;source id="n"&gt; ... &lt;/source&gt;</c>. Anything in the
/// paper's text that looks like a source tag has its "&lt;" replaced, so an abstract can never close its own
/// block and pass the rest of its text off as instructions.
/// </summary>
public static partial class SourceFence
{
    public static string Block(int number, Paper paper, string abstractText)
    {
        var block = new StringBuilder();
        block.Append(CultureInfo.InvariantCulture, $"<source id=\"{number}\">\n");
        block.Append("title: ").Append(Neutralize(paper.Title)).Append('\n');
        if (paper.ArxivId is not null)
        {
            block.Append("arxiv: ").Append(paper.ArxivId).Append('\n');
        }

        if (paper.Day is { } day)
        {
            block.Append("day: ").Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        }

        if (paper.Upvotes is { } upvotes)
        {
            block.Append("upvotes: ").Append(upvotes.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        block.Append("abstract: ").Append(Neutralize(abstractText)).Append("\n</source>");
        return block.ToString();
    }

    /// <summary><paramref name="text"/> with every "&lt;source" / "&lt;/source" opener turned into harmless "‹source".</summary>
    public static string Neutralize(string text) => TagRegex().Replace(text, m => "‹" + m.Value[1..]);

    [GeneratedRegex(@"<\s*/?\s*source", RegexOptions.IgnoreCase)]
    private static partial Regex TagRegex();
}
