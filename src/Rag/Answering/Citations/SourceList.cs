using System.Globalization;
using System.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Citations;

/// <summary>
/// The "Sources:" list an answer ends with: number, title, day, the arXiv and Hugging Face links when the id is
/// known, and the code repository when there is one.
/// </summary>
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
                text.Append(' ').Append(url).Append(" · ").Append(paper.HuggingFaceUrl);
            }

            if (paper.GithubRepo is { } code)
            {
                text.Append(" · code: ").Append(code);
            }
        }

        return text.ToString();
    }
}
