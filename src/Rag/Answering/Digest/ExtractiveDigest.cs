using System.Globalization;
using System.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// The digest without a model: the day's papers grouped into themes by shared key terms, each paper given by
/// its most central sentence and cited by its number in the day's list (most upvoted first).
/// </summary>
public static class ExtractiveDigest
{
    public const string Label = "Extractive digest (no model)";

    /// <param name="cancellationToken">Checked paper by paper: a day of thousands of papers takes seconds.</param>
    public static string Write(DateOnly day, IReadOnlyList<Paper> papers, CancellationToken cancellationToken = default)
    {
        var themes = ThemeGrouper.Group(papers, cancellationToken);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Label} of {day:yyyy-MM-dd}: {papers.Count} {(papers.Count == 1 ? "paper" : "papers")} in {themes.Count} {(themes.Count == 1 ? "theme" : "themes")}.");
        foreach (var theme in themes)
        {
            text.Append("\n\n").Append(theme.Label).Append(CultureInfo.InvariantCulture, $" ({theme.Papers.Count})");
            foreach (var index in theme.Papers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                text.Append(CultureInfo.InvariantCulture, $"\n- {papers[index].Title}: {CentralSentence.Of(papers[index].Abstract)} [{index + 1}]");
            }
        }

        return text.ToString();
    }
}
