using System.Globalization;
using System.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// The digest without a model: the day's papers grouped into themes by shared key terms, each paper given by
/// its most central sentence and cited by its number in the day's list (most upvoted first). A week's or a month's
/// digest names its largest themes and, under each, the theme's most upvoted papers (<see cref="PeriodSelection"/>).
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
        AppendThemes(text, themes.Select(t => (t, t.Papers.Count)), papers, cancellationToken);
        return text.ToString();
    }

    /// <summary>The digest of a week or a month: its themes, largest first, each with its most upvoted papers.</summary>
    public static string Write(DigestPeriod period, PeriodSelection selection, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Label} of {period.Describe()}: {Plural.Of(selection.Total, "paper")}");
        text.Append(selection.Themes.Count == 0
            ? "; no theme is shared by several of them."
            : $"; {(selection.Themes.Count == 1 ? "its largest theme" : $"its {selection.Themes.Count} largest themes")}, each with its most upvoted papers.");
        AppendThemes(text, selection.Themes, selection.Papers, cancellationToken);
        return text.ToString();
    }

    private static void AppendThemes(StringBuilder text, IEnumerable<(Theme Theme, int Total)> themes, IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        foreach (var (theme, total) in themes)
        {
            text.Append("\n\n").Append(theme.Label).Append(CultureInfo.InvariantCulture, $" ({total})");
            foreach (var index in theme.Papers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                text.Append(CultureInfo.InvariantCulture, $"\n- {papers[index].Title}: {CentralSentence.Of(papers[index].Abstract)} [{index + 1}]");
            }
        }
    }
}
