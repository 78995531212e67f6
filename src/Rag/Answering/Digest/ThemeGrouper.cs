using System.Globalization;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// Groups a day's papers into themes without a model. Each paper's key terms are its top TF-IDF words over
/// the day's abstracts; then, greedily, the term shared by the most ungrouped papers becomes a theme, until
/// <see cref="MaxThemes"/> themes or no term is shared any more. What is left is "Other papers".
/// </summary>
public static class ThemeGrouper
{
    public const int MaxThemes = 6;

    /// <summary>Enough words to describe a paper's topic, few enough that generic words do not join everything.</summary>
    private const int KeyTermsPerPaper = 8;

    /// <param name="cancellationToken">Checked term by term: the grouping is quadratic in the day's papers.</param>
    public static IReadOnlyList<Theme> Group(IReadOnlyList<Paper> papers, CancellationToken cancellationToken = default)
    {
        var (keyTerms, surface) = KeyTerms(papers, cancellationToken);
        var themes = new List<Theme>();
        var ungrouped = Enumerable.Range(0, papers.Count).ToHashSet();
        // A word in most of the day's papers ("method", "results") would make one theme of everything.
        var maxMembers = Math.Max(2, papers.Count / 2);
        while (themes.Count < MaxThemes - 1 && ungrouped.Count > 0)
        {
            var best = ungrouped.SelectMany(i => keyTerms[i]).Distinct(StringComparer.Ordinal)
                .Where(term =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return keyTerms.Count(k => k.Contains(term)) <= maxMembers;
                })
                .Select(term => (Term: term, Members: ungrouped.Where(i => keyTerms[i].Contains(term)).Order().ToList()))
                .OrderByDescending(c => c.Members.Count).ThenBy(c => c.Term, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Members is null || best.Members.Count < 2)
            {
                break;
            }

            themes.Add(new Theme(Label(best.Term, best.Members, keyTerms, surface), best.Members));
            ungrouped.ExceptWith(best.Members);
        }

        if (ungrouped.Count > 0)
        {
            themes.Add(new Theme(themes.Count == 0 ? "Papers of the day" : "Other papers", [.. ungrouped.Order()]));
        }

        return themes;
    }

    /// <summary>The theme's term and, when one exists, the next term most of its papers share: "Diffusion, video".</summary>
    private static string Label(string term, List<int> members, List<HashSet<string>> keyTerms, Dictionary<string, string> surface)
    {
        var second = members.SelectMany(i => keyTerms[i]).Where(t => t != term)
            .GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        var label = surface[term];
        if (second is not null)
        {
            label += ", " + surface[second];
        }

        return char.ToUpper(label[0], CultureInfo.InvariantCulture) + label[1..];
    }

    private static (List<HashSet<string>> KeyTerms, Dictionary<string, string> Surface) KeyTerms(IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var counts = new List<Dictionary<string, int>>();
        var surface = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var paper in papers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var word in TextTerms.Words(paper.Title + " " + paper.Title + " " + paper.Abstract))
            {
                if (word.Length < 3 || !TextTerms.IsContentWord(word) || word.All(char.IsDigit))
                {
                    continue;
                }

                var stem = WordStemmer.Stem(word);
                count[stem] = count.GetValueOrDefault(stem) + 1;
                surface.TryAdd(stem, word);
            }

            counts.Add(count);
        }

        var documents = counts.SelectMany(c => c.Keys).GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keyTerms = counts.Select(count => count
            .Select(c => (Term: c.Key, Weight: c.Value * Math.Log(1.0 + papers.Count / (double)documents[c.Key])))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(KeyTermsPerPaper).Select(t => t.Term).ToHashSet(StringComparer.Ordinal)).ToList();
        return (keyTerms, surface);
    }
}
