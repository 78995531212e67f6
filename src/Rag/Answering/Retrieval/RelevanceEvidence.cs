using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// What the ranking shows about whether one candidate answers the question: the inputs of the relevance decision
/// (<see cref="RelevanceModel"/>). Shares are idf-weighted over the question's content words that some paper of the
/// index contains, so an everyday word no abstract uses, or a name the question adds (a base model, a library, a
/// country), weighs nothing rather than sinking a clear match.
/// </summary>
/// <param name="Coverage">The share of the question's words the paper's title, abstract or AI keywords contain.</param>
/// <param name="FoundCoverage">The share of the question's words it contains, counting only words that some of the best candidates contain: everyday words no candidate uses ("actually", "bolt onto") say how a person asks, not what about.</param>
/// <param name="Unfound">The share of the question's words that none of the best candidates contains.</param>
/// <param name="Absent">The share of the question's content words that no paper of the index contains at all (by count): a near miss names things the field has not written about.</param>
/// <param name="Matched">The summed idf of the question's words the paper contains, in tens (at most 3): a question that shares one word with the index is not answered by it, however large its share.</param>
/// <param name="TitleCoverage">The share its title and AI keywords contain: what the paper is about.</param>
/// <param name="RareCoverage">The share of the question's rare words (in at most 1 % of the papers) the paper contains; 1 without rare words.</param>
/// <param name="Lead">ln(bm25 of the paper / bm25 of the next paper in the keyword ranking): how clearly it stands out.</param>
/// <param name="Unmatched">The share of the question's names the paper never mentions.</param>
/// <param name="UnknownNames">The share of the question's names that no paper of the index mentions ("GPT-7"): a thing nobody wrote about.</param>
/// <param name="Similarity">The cosine similarity of the question and the abstract (0 without an embedding model).</param>
public sealed record RelevanceEvidence(
    double Coverage, double FoundCoverage, double Unfound, double Absent, double Matched, double TitleCoverage, double RareCoverage, double Lead, double Unmatched, double UnknownNames, double Similarity)
{
    /// <summary>A word in at most this share of the papers is rare: it says what the question is about.</summary>
    public const double RareShare = 0.01;

    /// <summary>The features in the order of <see cref="RelevanceModel.Weights"/>.</summary>
    public double[] Vector() => [Coverage, FoundCoverage, Unfound, Absent, Matched, TitleCoverage, RareCoverage, Lead, Unmatched, UnknownNames, Similarity];

    /// <summary>
    /// True when every word and name of the question is in the index, the paper names all the names, and it holds
    /// half of the question's words (40 % as the clear winner of the ranking, a lead of 1.35×): the rule that decided
    /// alone before the model. Such a paper is always shown, at least as the closest.
    /// </summary>
    public bool ClearMatch => Absent == 0 && UnknownNames == 0 && Unmatched == 0 && (Coverage >= 0.5 || (Lead >= Math.Log(1.35) && Coverage >= 0.4));

    /// <summary>
    /// The summed idf (in tens, as <see cref="Matched"/>) of the question's words a paper shares from which it counts as
    /// related: two or three of the field's rarer words ("GRPO", "rejection sampling"). Chosen on the tune split: the
    /// off-topic questions there ("a vegan lasagna recipe", "Jupiter's moons", "the best GPU") reach at most 0.85, the
    /// described questions the model doubts 0.99 and more.
    /// </summary>
    public const double RelatedMatched = 0.95;

    /// <summary>
    /// True for a clear match, or a paper sharing words worth <see cref="RelatedMatched"/> with a question that names
    /// nothing nobody wrote about: something related is indexed, so the closest papers are shown (with the hedge)
    /// rather than "not covered", which is kept for questions outside the field.
    /// </summary>
    public bool Related => ClearMatch || (UnknownNames == 0 && Matched >= RelatedMatched);

    /// <summary>No candidate at all.</summary>
    public static readonly RelevanceEvidence None = new(0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0);

    public static readonly string[] Names = ["coverage", "found_coverage", "unfound", "absent", "matched_idf", "title_coverage", "rare_coverage", "lead", "unmatched_names", "unknown_names", "similarity"];

    /// <summary>The evidence for <paramref name="ranked"/>[<paramref name="index"/>] given the question's word weights and names.</summary>
    public static RelevanceEvidence Of(
        IReadOnlyList<RetrievedPaper> ranked, int index, IReadOnlyDictionary<string, double> weights, IReadOnlySet<string> rare, IReadOnlySet<string> found, IReadOnlyList<string> names, double unknownNames)
    {
        var paper = ranked[index].Paper;
        var title = PaperStems.Title(paper);
        var all = PaperStems.All(paper);
        var total = weights.Values.Sum();
        double Share(IReadOnlySet<string> stems) => total <= 0 ? 0 : weights.Where(w => stems.Contains(w.Key)).Sum(w => w.Value) / total;
        var foundTotal = weights.Where(w => found.Contains(w.Key)).Sum(w => w.Value);
        var foundCoverage = foundTotal <= 0 ? 0 : weights.Where(w => found.Contains(w.Key) && all.Contains(w.Key)).Sum(w => w.Value) / foundTotal;
        var rareTotal = weights.Where(w => rare.Contains(w.Key)).Sum(w => w.Value);
        var rareCoverage = rareTotal <= 0 ? 1 : weights.Where(w => rare.Contains(w.Key) && all.Contains(w.Key)).Sum(w => w.Value) / rareTotal;
        var score = ranked[index].KeywordScore ?? 0;
        var next = ranked.Skip(index + 1).Select(p => p.KeywordScore ?? 0).FirstOrDefault();
        var lead = score <= 0 ? 0 : next <= 0 ? Math.Log(4) : Math.Log(score / next);
        var text = paper.Title + " " + paper.Abstract + " " + string.Join(' ', paper.AiKeywords);
        var unmatched = names.Count == 0 ? 0 : names.Count(n => !QuestionNames.MentionedIn(n, text)) / (double)names.Count;
        return new RelevanceEvidence(Share(all), foundCoverage, total <= 0 ? 1 : 1 - (foundTotal / total),
            weights.Count == 0 ? 1 : weights.Count(w => w.Value <= 0) / (double)weights.Count,
            Math.Min(weights.Where(w => all.Contains(w.Key)).Sum(w => w.Value) / 10, 3), Share(title), rareCoverage, Math.Min(lead, Math.Log(4)), unmatched, unknownNames, ranked[index].Similarity ?? 0);
    }
}
