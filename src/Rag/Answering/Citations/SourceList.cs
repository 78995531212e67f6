using System.Globalization;
using System.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Citations;

/// <summary>The "Sources:" list an answer ends with: number, title, day and arXiv link when the id is known.</summary>
public static class SourceList
{
    public static string Format(IEnumerable<(int Number, Paper Paper)> sources)
    {
        var text = new StringBuilder("Sources:");
        foreach (var (number, paper) in sources)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[{number}] {paper.Title}");
            if (paper.Day is { } day)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({day:yyyy-MM-dd})");
            }

            if (paper.ArxivUrl is { } url)
            {
                text.Append(' ').Append(url);
            }
        }

        return text.ToString();
    }
}
