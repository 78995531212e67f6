using System.Text.RegularExpressions;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering.Related;

/// <summary>
/// The papers related to one paper ("more like this"). With an embedding model: the papers whose abstract vectors are
/// nearest to the paper's own by cosine. Without one: a weighted keyword search built from the paper's title (words and
/// adjacent pairs), its AI keywords and its rarest abstract words by document frequency, ranked by bm25. Either way the
/// paper itself and its other versions (the same arXiv id without the version, or the same normalized title) are left
/// out, and each result carries the key words the two papers share.
/// </summary>
public sealed partial class RelatedPapers(PaperStore store, PaperLookup lookup, EmbeddingIndex? embeddings = null)
{
    public const int DefaultTop = 10;

    public const int MaxTop = 50;

    /// <summary>Candidates beyond the top that can be dropped as the paper's other versions.</summary>
    private const int Slack = 5;

    /// <summary>The abstract's rarest words that join the title and keywords: enough to say what the paper does, few enough to stay on topic.</summary>
    private const int RareAbstractWords = 12;

    /// <summary>A term's doclist is read for every phrase it is in; past this many rows in all, the commonest terms are left out (bounds the query at 100k papers).</summary>
    private const long DoclistBudget = 60_000;

    /// <summary>What the title says counts three times an abstract word, a keyword or a title word pair twice.</summary>
    private const int TitleWeight = 3;

    private const int PhraseWeight = 2;

    /// <summary>How many shared words a result's reason names.</summary>
    private const int SharedShown = 4;

    /// <summary>True when abstract embeddings rank the related papers.</summary>
    public bool ByEmbeddings => embeddings is not null;

    /// <summary>The <paramref name="top"/> papers most related to paper <paramref name="id"/>, optionally only from the days <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <exception cref="UserInputException">No paper has that id.</exception>
    public async Task<RelatedResult> FindAsync(string id, int top = DefaultTop, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var (pid, paper) = store.Find(id) ?? throw new UserInputException($"no paper with id '{Shortened(id)}' in the index; find ids with search");
        var size = Math.Clamp(top, 1, MaxTop);
        var terms = KeyTerms(paper);
        IEnumerable<(long Pid, Paper Paper, double Score, float? Similarity)> candidates;
        if (embeddings is not null)
        {
            var nearest = await embeddings.NearestToPaperAsync(pid, size + Slack, from, to, cancellationToken);
            var papers = lookup.ByPid([.. nearest.Select(n => n.Pid)]);
            candidates = nearest.Where(n => papers.ContainsKey(n.Pid)).Select(n => (n.Pid, papers[n.Pid], (double)n.Similarity, (float?)n.Similarity));
        }
        else
        {
            candidates = store.SearchWeighted(Query(paper, terms), size + Slack, from, to).Select(h => (h.Pid, h.Paper, h.Score, (float?)null));
        }

        var related = candidates.Where(c => c.Pid != pid && !SameWork(paper, c.Paper)).Take(size)
            .Select(c => new RelatedPaper(c.Paper, c.Score, c.Similarity, Shared(paper, terms, c.Paper))).ToList();
        return new RelatedResult(paper, related, embeddings is not null);
    }

    /// <summary>True when <paramref name="other"/> is a version of <paramref name="paper"/>: the same arXiv id up to the version, or the same title.</summary>
    public static bool SameWork(Paper paper, Paper other) =>
        paper.Id == other.Id
        || (paper.ArxivId is not null && other.ArxivId is not null && BaseArxivId(paper.ArxivId) == BaseArxivId(other.ArxivId))
        || PaperIdentity.TitleKey(paper.Title) == PaperIdentity.TitleKey(other.Title);

    private static string BaseArxivId(string arxivId) => VersionSuffix().Replace(arxivId.Trim(), "");

    /// <summary>The paper's informative words (in another paper, in at most half of them) with their document frequencies, rarest first, and where each comes from.</summary>
    private List<KeyTerm> KeyTerms(Paper paper)
    {
        var title = ContentWords(paper.Title).ToList();
        var keywords = paper.AiKeywords.SelectMany(ContentWords).ToList();
        var body = ContentWords(paper.Abstract).ToList();
        var all = title.Concat(keywords).Concat(body).Distinct(StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            return [];
        }

        var (papers, terms) = store.TermFrequencies(all);
        var inTitle = title.ToHashSet(StringComparer.Ordinal);
        var inKeywords = keywords.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var key = new List<KeyTerm>();
        foreach (var term in terms.OrderBy(t => t.Docs).ThenBy(t => t.Word, StringComparer.Ordinal))
        {
            // Without statistics (never computed) every word counts; with them, a word only this paper has relates it
            // to nothing, and a word in most papers relates it to everything.
            var informative = papers == 0 || (term.Docs >= 2 && term.Docs * 2 <= papers);
            if (informative && seen.Add(term.Stem))
            {
                key.Add(new KeyTerm(term.Word, term.Stem, term.Docs, inTitle.Contains(term.Word), inKeywords.Contains(term.Word)));
            }
        }

        return key;
    }

    /// <summary>The more-like-this query: title words and keywords always, the rarest abstract words, within the doclist budget.</summary>
    private static List<WeightedPhrase> Query(Paper paper, List<KeyTerm> terms)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var rows = 0L;
        var abstractWords = 0;
        foreach (var term in terms)
        {
            var fromAbstract = !term.InTitle && !term.InKeywords;
            if ((fromAbstract && abstractWords == RareAbstractWords) || (kept.Count > 0 && rows + term.Docs > DoclistBudget))
            {
                continue;
            }

            kept.Add(term.Word);
            rows += term.Docs;
            abstractWords += fromAbstract ? 1 : 0;
        }

        var phrases = terms.Where(t => kept.Contains(t.Word))
            .Select(t => new WeightedPhrase([t.Word], t.InTitle ? TitleWeight : t.InKeywords ? PhraseWeight : 1)).ToList();
        var titleWords = TextTerms.Words(paper.Title).ToList();
        phrases.AddRange(titleWords.Zip(titleWords.Skip(1)).Where(p => kept.Contains(p.First) && kept.Contains(p.Second)).Distinct()
            .Select(p => new WeightedPhrase([p.First, p.Second], PhraseWeight)));
        phrases.AddRange(paper.AiKeywords.Select(k => ContentWords(k).ToList()).Where(k => k.Count > 1 && k.All(kept.Contains))
            .DistinctBy(k => string.Join(' ', k)).Select(k => new WeightedPhrase(k, PhraseWeight)));
        return phrases;
    }

    /// <summary>The AI keywords both papers have, then the key words the other paper's text contains (title words, then keyword words, first), rarest first.</summary>
    private static List<string> Shared(Paper paper, List<KeyTerm> terms, Paper other)
    {
        var otherKeywords = other.AiKeywords.Select(k => k.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var shared = paper.AiKeywords.Select(k => k.ToLowerInvariant()).Where(otherKeywords.Contains).Distinct(StringComparer.Ordinal).ToList();
        var otherStems = TextTerms.Stems($"{other.Title}\n{string.Join('\n', other.AiKeywords)}\n{other.Abstract}").ToHashSet(StringComparer.Ordinal);
        var covered = shared.SelectMany(TextTerms.Stems).ToHashSet(StringComparer.Ordinal);
        // Title and keyword words first: they name the topic a reader recognizes, an abstract's rare words often do not.
        shared.AddRange(terms.Where(t => otherStems.Contains(WordStemmer.Stem(t.Word)) && !covered.Contains(WordStemmer.Stem(t.Word)))
            .OrderBy(t => t.InTitle ? 0 : t.InKeywords ? 1 : 2).Select(t => t.Word));
        return [.. shared.Take(SharedShown)];
    }

    private static IEnumerable<string> ContentWords(string text) =>
        TextTerms.Words(text).Where(w => TextTerms.IsContentWord(w) && !w.All(char.IsDigit));

    /// <summary>What the user typed, in one short line: a pasted text is not echoed back whole.</summary>
    private static string Shortened(string id)
    {
        var line = id.ReplaceLineEndings(" ");
        return line.Length <= 100 ? line : $"{line[..60].TrimEnd()}…";
    }

    [GeneratedRegex(@"v\d+$")]
    private static partial Regex VersionSuffix();

    /// <summary>One informative word of the paper: its stem in the index, in how many papers it occurs, and whether the title or the AI keywords have it.</summary>
    private sealed record KeyTerm(string Word, string Stem, long Docs, bool InTitle, bool InKeywords);
}
