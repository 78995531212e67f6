using System.Text;
using System.Text.RegularExpressions;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering;

/// <summary>
/// The answer without a model: the abstract sentences that best match the question, each cited. A sentence
/// scores the idf-weighted share of the question's words it contains, a little less for lower-ranked papers,
/// times the preference of the question's <see cref="QuestionIntent"/>: a number for "how many", a name for
/// "what is … called" and "is there a method that…", the method for "how does…", the reason for "why…".
/// </summary>
public static partial class ExtractiveAnswerer
{
    public const string Label = "Extractive answer (no model):";

    /// <summary>The ranking's best paper leads the answer with up to this many of its sentences.</summary>
    private const int MaxLeadSentences = 3;

    /// <summary>Other papers add at most one sentence each, when they match about as well.</summary>
    private const int MaxOtherPapers = 2;

    /// <summary>"Which papers study X?" asks for a list: one sentence from each of more papers reads better.</summary>
    private const int MaxListedPapers = 5;

    /// <summary>Sentences scoring below this share of the best one add noise, not answer.</summary>
    private const double KeepRatio = 0.5;

    /// <summary>
    /// The answer body, citing each paper by its 1-based position in <paramref name="papers"/>.
    /// </summary>
    public static string Answer(string question, IReadOnlyList<RetrievedPaper> papers, IReadOnlyDictionary<string, double> weights)
    {
        var candidates = Candidates(question, papers, weights);
        var listing = ListQuestionRegex().IsMatch(question) || !question.Contains('?', StringComparison.Ordinal);
        var chosen = listing ? Choose(candidates, MaxListedPapers, 1) : ChooseAroundLead(candidates);
        if (chosen.Count == 0 && papers.Count > 0)
        {
            // Found by meaning (embeddings) with no word in common: the paper's gist says more than nothing.
            chosen.Add((1, 0, CentralSentence.Of(papers[0].Paper.Abstract), 0));
        }

        // A described question restates the paper's problem; the answer is often the sentence after the one that
        // matches it best ("To address this, we propose …", "It reaches 23.85 % on …"): the best paper's best
        // sentence brings the next one along.
        var lead = chosen.Where(c => c.Number == chosen.Min(x => x.Number)).MaxBy(c => c.Score);
        var next = candidates.FirstOrDefault(c => c.Number == lead.Number && c.Order == lead.Order + 1);
        var follows = next.Sentence is not null && !chosen.Any(c => c.Number == next.Number && c.Order == next.Order);

        // What the best paper contributes ("we propose X, which …") is what a question describing the work asks
        // about, in the paper's own words; it joins the answer when no quoted sentence says it yet.
        var quoted = chosen.Where(c => c.Number == lead.Number).Select(c => c.Order).Append(follows ? next.Order : -1).ToHashSet();
        var contribution = quoted.Where(o => o >= 0).Order().Select(o => candidates.First(c => c.Number == lead.Number && c.Order == o))
            .FirstOrDefault(c => ContributionRegex().IsMatch(c.Sentence));
        if (contribution.Sentence is null
            && candidates.FirstOrDefault(c => c.Number == lead.Number && !quoted.Contains(c.Order) && ContributionRegex().IsMatch(c.Sentence)) is { Sentence: not null } added)
        {
            chosen = [.. chosen.Append(added).OrderBy(c => c.Number).ThenBy(c => c.Order)];
            quoted.Add(added.Order);
            contribution = added;
        }

        // The sentence after "we propose X" says how X works ("Utilizing control flow graphs, X represents …"): it
        // comes along too, as the best sentence's next one does, unless the question asks for a number.
        var how = contribution.Sentence is null || QuestionIntent.Of(question).Quantity ? default
            : candidates.FirstOrDefault(c => c.Number == lead.Number && c.Order == contribution.Order + 1 && !quoted.Contains(c.Order));

        // The sentences that follow a quoted one of the lead paper, by the quoted sentence's order.
        var along = new Dictionary<int, List<string>>();
        if (follows && next.Sentence is { } nextSentence)
        {
            along[lead.Order] = [nextSentence];
        }

        if (how.Sentence is not null)
        {
            // After the contribution, or after the best sentence when the contribution is the one it brought along.
            var after = follows && next.Order == contribution.Order ? lead.Order : contribution.Order;
            along[after] = [.. along.GetValueOrDefault(after, []), how.Sentence];
        }

        var body = new StringBuilder(Label);
        foreach (var (number, order, sentence, _) in chosen)
        {
            body.Append("\n- ");
            if (listing)
            {
                body.Append(papers[number - 1].Paper.Title).Append(": ");
            }

            body.Append(sentence);
            foreach (var following in number == lead.Number ? along.GetValueOrDefault(order, []) : [])
            {
                body.Append(' ').Append(following);
            }

            body.Append(" [").Append(number).Append(']');
        }

        return body.ToString();
    }

    /// <summary>
    /// Every paper in <paramref name="papers"/>, in order, under <paramref name="header"/>: its title and the sentence
    /// of its abstract that best matches <paramref name="question"/> (its central sentence when none shares a word).
    /// With <paramref name="leadFollows"/>, the first paper's sentence brings the next one along, as in <see cref="Answer"/>.
    /// </summary>
    public static string List(string header, string question, IReadOnlyList<RetrievedPaper> papers, IReadOnlyDictionary<string, double> weights, bool leadFollows = false)
    {
        var candidates = Candidates(question, papers, weights);
        var best = candidates.GroupBy(c => c.Number).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Score));
        var body = new StringBuilder(Label).Append('\n').Append(header);
        for (var number = 1; number <= papers.Count; number++)
        {
            var found = best.TryGetValue(number, out var candidate) && candidate.Score > 0;
            var sentence = found ? candidate.Sentence : CentralSentence.Of(papers[number - 1].Paper.Abstract);
            body.Append("\n- ").Append(papers[number - 1].Paper.Title).Append(": ").Append(sentence);
            if (leadFollows && number == 1 && found && candidates.FirstOrDefault(c => c.Number == 1 && c.Order == candidate.Order + 1) is { Sentence: { } next })
            {
                body.Append(' ').Append(next);
            }

            body.Append(" [").Append(number).Append(']');
        }

        return body.ToString();
    }

    /// <summary>Every sentence of every paper with its score for <paramref name="question"/>, the paper numbered from 1.</summary>
    private static List<(int Number, int Order, string Sentence, double Score)> Candidates(
        string question, IReadOnlyList<RetrievedPaper> papers, IReadOnlyDictionary<string, double> weights)
    {
        var intent = QuestionIntent.Of(question);
        var totalWeight = Math.Max(weights.Values.Sum(), 1e-9);
        var candidates = new List<(int Number, int Order, string Sentence, double Score)>();
        for (var rank = 0; rank < papers.Count; rank++)
        {
            var title = TextTerms.Stems(papers[rank].Paper.Title).ToHashSet(StringComparer.Ordinal);
            var sentences = SentenceSplitter.Split(papers[rank].Paper.Abstract);
            for (var order = 0; order < sentences.Count; order++)
            {
                var stems = TextTerms.Stems(sentences[order]).ToHashSet(StringComparer.Ordinal);
                // A sentence need not repeat the paper's name to answer about it: title words count for every
                // sentence, at half weight, so the sentence with the fact beats the one that restates the title.
                var score = weights.Sum(w => stems.Contains(w.Key) ? w.Value : title.Contains(w.Key) ? w.Value / 2 : 0) / totalWeight;
                score *= (1.0 - 0.06 * rank) * intent.Preference(sentences[order], stems);

                candidates.Add((rank + 1, order, sentences[order], score));
            }
        }

        return candidates;
    }

    private static List<(int Number, int Order, string Sentence, double Score)> Choose(
        List<(int Number, int Order, string Sentence, double Score)> candidates, int maxSentences, int maxPerPaper)
    {
        var ordered = candidates.OrderByDescending(c => c.Score).ToList();
        if (ordered.Count == 0)
        {
            return [];
        }

        var floor = ordered[0].Score * KeepRatio;
        var chosen = new List<(int Number, int Order, string Sentence, double Score)>();
        foreach (var candidate in ordered.TakeWhile(c => c.Score >= floor && c.Score > 0))
        {
            if (chosen.Count(c => c.Number == candidate.Number) < maxPerPaper)
            {
                chosen.Add(candidate);
            }

            if (chosen.Count == maxSentences)
            {
                break;
            }
        }

        // Read as a text: by paper rank, and within a paper in the abstract's order.
        return [.. chosen.OrderBy(c => c.Number).ThenBy(c => c.Order)];
    }

    /// <summary>
    /// The sentences of a one-fact answer. The ranking read the whole abstract, a sentence only its own words, so the
    /// ranking's best paper leads: its best sentences, then the best sentence of each other paper that matches about as
    /// well as the lead's. A paper with no sentence sharing a word (found by meaning) leaves the choice to the scores.
    /// </summary>
    private static List<(int Number, int Order, string Sentence, double Score)> ChooseAroundLead(
        List<(int Number, int Order, string Sentence, double Score)> candidates)
    {
        var lead = candidates.Where(c => c.Number == 1 && c.Score > 0).OrderByDescending(c => c.Score).ToList();
        if (lead.Count == 0)
        {
            return Choose(candidates, MaxLeadSentences + MaxOtherPapers, 1);
        }

        var floor = lead[0].Score * KeepRatio;
        var chosen = lead.TakeWhile(c => c.Score >= floor).Take(MaxLeadSentences).ToList();
        chosen.AddRange(candidates.Where(c => c.Number != 1 && c.Score >= floor)
            .GroupBy(c => c.Number).Select(g => g.MaxBy(c => c.Score)).OrderByDescending(c => c.Score).Take(MaxOtherPapers));
        return [.. chosen.OrderBy(c => c.Number).ThenBy(c => c.Order)];
    }

    [GeneratedRegex(@"\b(we|this (paper|work|study)) (propose|proposes|introduce|introduces|present|presents|develop|develops|design|designs|build|builds|construct|constructs|release|releases|contribute|contributes)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContributionRegex();

    [GeneratedRegex(@"^\s*(which|what|any|are there) (other |recent )?(papers|work|works|studies|approaches|methods)\b|\b(papers|work) (on|about|that|which)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListQuestionRegex();
}
