using System.Globalization;
using System.Text.RegularExpressions;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// Groups a day's papers into themes without a model, each named by a phrase its papers contain ("vision-language-
/// action", "KV cache", "reward models"). Candidate names are the runs of one to three words of each paper's title, AI
/// keywords and abstract, in at least two papers and at most 40 % of the day's, not made of generic research words only
/// ("model", "method", "results", "large language models"); a name of one word must be one its papers repeat and not a
/// modifier ("hierarchical", "direct", "optimized"). Greedily, the name from the titles and AI keywords (where topics
/// are named) that covers the most ungrouped papers becomes a theme, a longer phrase winning a tie; each paper left over
/// joins the theme whose papers share most of its key words, as long as two thirds of every theme's papers still
/// contain its name; papers still left may form themes from names their abstracts share. A theme takes the longest
/// phrase with its name that two thirds of its papers say ("Reinforcement learning" for "reinforcement"). What is
/// still left is "Other papers".
/// </summary>
public static partial class ThemeGrouper
{
    public const int MaxThemes = 8;

    /// <summary>The label of the papers no theme took; "Papers of the day" when no theme formed at all.</summary>
    public const string OtherPapers = "Other papers";

    public const string AllPapers = "Papers of the day";

    /// <summary>Enough words to describe a paper's topic, few enough that generic words do not join everything.</summary>
    private const int KeyTermsPerPaper = 8;

    /// <summary>The longest phrase that names a theme.</summary>
    private const int MaxPhraseWords = 3;

    /// <summary>A name in more of the day's papers than this share says nothing about a part of the day.</summary>
    private const double MaxThemeShare = 0.4;

    /// <summary>At least this share of a theme's papers contain its name; the others joined it by their key words.</summary>
    private const double NamedShare = 2.0 / 3;

    /// <summary>Words that say a paper is research, not what it is about: alone or together they never name a theme.</summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "model", "models", "method", "methods", "task", "tasks", "data", "dataset", "datasets", "approach", "approaches",
        "result", "results", "performance", "framework", "frameworks", "system", "systems", "advantage", "advantages",
        "paper", "papers", "work", "study", "new", "novel", "based", "state", "art", "existing", "different", "various",
        "multiple", "several", "first", "however", "across", "via", "within", "without", "demonstrate", "demonstrates",
        "significant", "significantly", "improve", "improves", "improved", "improvement", "improvements", "achieve",
        "achieves", "experiment", "experiments", "extensive", "evaluation", "evaluations", "benchmark", "benchmarks",
        "training", "learning", "large", "language", "llm", "llms", "agentic", "generated", "generation", "grained",
        "fine", "compositional", "effective", "efficient", "efficiency", "challenge", "challenges", "challenging",
        "problem", "problems", "capability", "capabilities", "ability", "abilities", "real", "world", "high", "quality",
        "low", "general", "specific", "key", "stage", "level", "end", "code", "open", "source", "available", "publicly",
        "analysis", "limited", "limitations", "recent", "remain", "remains", "critical", "crucial", "complex", "diverse",
        "strong", "simple", "scale", "scalable", "scaling", "setting", "settings", "human", "neural", "network", "networks",
        "deep", "tokens", "token", "input", "output", "inputs", "outputs", "information", "understanding", "reasoning",
        "downstream", "comprehensive", "robust", "robustness", "accuracy", "superior", "outperforms", "task-specific",
        "pretrained", "trained", "inference", "time", "way", "ways", "need", "needs", "make", "makes", "enable", "enables",
        // How titles sell a paper, not what it is about.
        "towards", "toward", "enhance", "enhancing", "enhanced", "improving", "advancing", "advancements", "rethinking",
        "unlocking", "leveraging", "leverages", "boosting", "empowering", "bridging", "revisiting", "beyond", "accelerated",
        "accelerating", "unified", "interactive", "dynamic", "visual", "semantic", "temporal", "artificial", "explicit",
        "intelligence", "ai", "process", "processes", "structure", "objective", "concepts", "theory", "selection", "sets",
        "generate", "generates", "surpass", "surpasses", "range", "limits", "balance", "long", "strategy", "strategies",
        // How abstracts report work (the verbs of reporting, in every form, and the adjectives around them).
        "compare", "compared", "comparing", "comparison", "evaluate", "evaluated", "evaluating", "measure", "measured",
        "reduce", "reduced", "reduces", "reduction", "construct", "constructed", "implement", "implemented",
        "implementation", "represent", "represents", "represented", "curate", "curated", "learn", "learned", "learns",
        "emerge", "emerged", "emerging", "explore", "explored", "exploring", "investigate", "investigated", "examine",
        "examined", "analyze", "analyzed", "analyse", "identify", "identified", "address", "addressed", "addresses",
        "develop", "developed", "conduct", "conducted", "validate", "validated", "propose", "proposed", "present",
        "presented", "introduce", "introduced", "show", "shows", "shown", "achieved", "enhancement", "enhancements",
        "research", "researchers", "content", "actual", "external", "wide", "experimental", "further", "overall",
        "numerous", "potential", "current", "previous", "prior", "additional", "substantial", "remarkable", "notable",
        "promising", "discovery", "discover", "reason", "reasons", "emergent", "yet", "less", "more", "most", "number",
        "increase", "increased", "increases", "serve", "serves", "larger", "smaller", "higher", "lower", "better", "rate",
        "rates", "practice", "practical", "cost", "costs", "require", "requires", "required",
    };

    /// <param name="cancellationToken">Checked paper by paper and theme by theme: a day of thousands of papers takes seconds.</param>
    public static IReadOnlyList<Theme> Group(IReadOnlyList<Paper> papers, CancellationToken cancellationToken = default)
    {
        // What a paper is about is what its title and the API's keywords say: names come from them first (an abstract
        // also says "address" and "e.g."), and a paper whose abstract alone uses a name counts half.
        var phrases = papers.Select(p => PhrasesOf(p with { Abstract = "" })).ToList();
        var (mentions, surface) = Phrases(papers, cancellationToken);
        var keyTerms = KeyTerms(papers, cancellationToken);
        var repeated = papers.Select(Repeated).ToList();
        var maxMembers = Math.Max(2, (int)(papers.Count * MaxThemeShare));
        // Which papers say each name in their titles and keywords, and anywhere (abstracts too); how many repeat it.
        var inTitles = Holders(phrases);
        var anywhere = Holders(mentions);
        bool Nameable(string name)
        {
            var all = anywhere[name];
            return all.Count >= 2 && all.Count <= maxMembers
                && (name.Contains(' ', StringComparison.Ordinal) || 2 * all.Count(i => repeated[i].Contains(name)) >= all.Count);
        }

        var themes = new List<(string Name, List<int> Members, Dictionary<string, int> Terms)>();
        var ungrouped = Enumerable.Range(0, papers.Count).ToHashSet();
        Grow([.. inTitles.Keys.Order(StringComparer.Ordinal).Where(Nameable)], inTitles);
        JoinNearest();

        // Papers still left over may share a name their abstracts use ("speculative decoding", "world models").
        Grow([.. ungrouped.SelectMany(i => mentions[i]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Where(Nameable)], anywhere);
        JoinNearest();

        // Greedily, the name that covers most ungrouped papers (those that say it where <paramref name="said"/> looks
        // counting twice, those that only mention it elsewhere once) becomes a theme.
        void Grow(List<string> candidates, Dictionary<string, List<int>> said)
        {
            while (themes.Count < MaxThemes - 1 && ungrouped.Count > 1)
            {
                (string Name, int Score, int Words) best = ("", 0, 0);
                for (var n = 0; n < candidates.Count; n++)
                {
                    if (n % 1024 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    var name = candidates[n];
                    var count = said[name].Count(ungrouped.Contains);
                    var mentioned = count == 0 ? 0 : anywhere[name].Count(ungrouped.Contains) - count;
                    if (count + mentioned < 2)
                    {
                        continue;
                    }

                    // A longer name says more ("reinforcement learning" over "reinforcement"): a word more is worth a fifth.
                    var words = name.Count(ch => ch == ' ') + 1;
                    var score = (int)(10 * ((2 * count) + mentioned) * (1 + (0.2 * (words - 1))));
                    if (score > best.Score || (score == best.Score && words > best.Words))
                    {
                        best = (name, score, words);
                    }
                }

                if (best.Score == 0)
                {
                    return;
                }

                var members = anywhere[best.Name].Where(ungrouped.Contains).Order().ToList();
                var terms = new Dictionary<string, int>(StringComparer.Ordinal);
                members.ForEach(i => Count(terms, keyTerms[i]));
                themes.Add((best.Name, members, terms));
                ungrouped.ExceptWith(members);
            }
        }

        // The papers left over join the theme whose papers share most of their key words, while the name still
        // stands for two thirds of the theme.
        void JoinNearest()
        {
            foreach (var paper in ungrouped.Order().ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var home = themes
                    .Where(t => t.Members.Count(i => mentions[i].Contains(t.Name)) >= NamedShare * (t.Members.Count + 1))
                    .Select(t => (Theme: t, Shared: keyTerms[paper].Sum(term => t.Terms.GetValueOrDefault(term)) / (double)t.Members.Count))
                    .Where(t => t.Shared >= 0.5)
                    .OrderByDescending(t => t.Shared).Select(t => t.Theme).FirstOrDefault();
                if (home.Members is not null)
                {
                    home.Members.Add(paper);
                    Count(home.Terms, keyTerms[paper]);
                    ungrouped.Remove(paper);
                }
            }
        }

        var result = themes.Select(t => new Theme(Label(surface[Refined(t.Name, t.Members, mentions)]), [.. t.Members.Order()])).ToList();
        if (ungrouped.Count > 0)
        {
            result.Add(new Theme(result.Count == 0 ? AllPapers : OtherPapers, [.. ungrouped.Order()]));
        }

        return result;
    }

    /// <summary>For each name, the papers (by index) whose phrases hold it.</summary>
    private static Dictionary<string, List<int>> Holders(List<HashSet<string>> phrases)
    {
        var holders = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < phrases.Count; i++)
        {
            foreach (var name in phrases[i])
            {
                (holders.TryGetValue(name, out var list) ? list : holders[name] = []).Add(i);
            }
        }

        return holders;
    }

    /// <summary>
    /// The name containing <paramref name="name"/> that most of the theme's papers say, at least two thirds of them,
    /// the longer on a tie: a theme found by "reinforcement" whose papers all say "reinforcement learning" is named by
    /// the phrase a reader knows. Only names its own papers say can qualify, so only those are looked at.
    /// </summary>
    private static string Refined(string name, List<int> members, List<HashSet<string>> mentions)
    {
        var inner = " " + name + " ";
        return members.SelectMany(i => mentions[i]).Distinct(StringComparer.Ordinal)
            .Where(n => n.Length > name.Length && (" " + n + " ").Contains(inner, StringComparison.Ordinal))
            .Select(n => (Name: n, Count: members.Count(i => mentions[i].Contains(n))))
            .Where(n => n.Count >= NamedShare * members.Count)
            .OrderByDescending(n => n.Count).ThenByDescending(n => n.Name.Length).ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => n.Name).FirstOrDefault() ?? name;
    }

    /// <summary>True when <paramref name="name"/> (a theme's label) is said by <paramref name="paper"/>'s title, AI keywords or abstract.</summary>
    public static bool Names(string name, Paper paper) =>
        PhrasesOf(paper).Contains(Key([.. WordRegex().Matches(name).Select(m => m.Value.ToLowerInvariant())]));

    private static void Count(Dictionary<string, int> terms, IEnumerable<string> add)
    {
        foreach (var term in add)
        {
            terms[term] = terms.GetValueOrDefault(term) + 1;
        }
    }

    private static string Label(string name) => char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];

    /// <summary>Each paper's candidate names (keys of stems), and for each name the form the papers write most.</summary>
    private static (List<HashSet<string>> Phrases, Dictionary<string, string> Surface) Phrases(IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var phrases = new List<HashSet<string>>(papers.Count);
        var forms = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var paper in papers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            phrases.Add(PhrasesOf(paper, forms));
        }

        var surface = forms.ToDictionary(f => f.Key, f => f.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).First().Key, StringComparer.Ordinal);
        return (phrases, surface);
    }

    private static HashSet<string> PhrasesOf(Paper paper, Dictionary<string, Dictionary<string, int>>? forms = null)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in paper.AiKeywords.Prepend(paper.Title).Append(paper.Abstract))
        {
            // A phrase never spans punctuation ("models. Diffusion" is not a name), nor comes from a link ("https").
            foreach (var clause in ClauseRegex().Split(LinkRegex().Replace(text, ".")))
            {
                var words = WordRegex().Matches(clause).Select(m => m.Value).ToList();
                for (var start = 0; start < words.Count; start++)
                {
                    for (var length = 1; length <= MaxPhraseWords && start + length <= words.Count; length++)
                    {
                        var run = words.GetRange(start, length);
                        var lower = run.Select(w => w.ToLowerInvariant()).ToList();
                        // A lone verb form ("Reducing", "Addressing") says what a title does, not what it is about.
                        if (!lower.All(IsNameWord) || lower.All(IsGeneric) || (length == 1 && IsModifier(lower[0]))
                            || Connectives.Contains(lower[0]) || Connectives.Contains(lower[^1]))
                        {
                            continue;
                        }

                        var key = Key(lower);
                        if (found.Add(key) && forms is not null)
                        {
                            var form = string.Join(' ', run);
                            var counts = forms.TryGetValue(key, out var c) ? c : forms[key] = new Dictionary<string, int>(StringComparer.Ordinal);
                            counts[form] = counts.GetValueOrDefault(form) + 1;
                        }
                    }
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The words (stems) a paper says at least twice in its title and abstract. A paper repeats what it is about
    /// ("diffusion", "agents", "3D"); a word that most papers using it say once ("design", "yet", "trajectories")
    /// is how they write, and cannot name a theme alone.
    /// </summary>
    private static HashSet<string> Repeated(Paper paper) =>
        WordRegex().Matches(paper.Title + " " + paper.Abstract).Select(m => WordStemmer.Stem(m.Value.ToLowerInvariant()))
            .GroupBy(w => w, StringComparer.Ordinal).Where(g => g.Count() >= 2).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>A word that can be part of a name: a content word of two letters or more, or a name-like token ("3D", "KV").</summary>
    private static bool IsNameWord(string word) =>
        word.Length >= 2 && TextTerms.IsContentWord(word) && !word.All(char.IsDigit);

    /// <summary>
    /// A word that says how, not what: alone it would group a hierarchical planner with a hierarchical tokenizer. A
    /// lone verb form ("Reducing", "Addressing") says what a title does; an adjective by its ending ("heterogeneous",
    /// "hierarchical", "optimized", "adaptive") or one of the modifiers titles use most names nothing either. Both
    /// still name a theme inside a phrase ("hierarchical reinforcement learning", "sparse attention").
    /// </summary>
    private static bool IsModifier(string word) =>
        !word.Contains('-') && (Modifiers.Contains(word) || AdjectiveEndings.Any(e => word.EndsWith(e, StringComparison.Ordinal)));

    private static readonly string[] AdjectiveEndings = ["ing", "ous", "ical", "ized", "ised", "ive", "tional", "ured", "iled", "den", "ly", "ific"];

    /// <summary>Words that join a name to the rest of a sentence: a phrase that begins or ends with one is cut mid-thought ("agents via").</summary>
    private static readonly HashSet<string> Connectives = new(StringComparer.Ordinal) { "via", "within", "without", "across", "towards", "toward", "beyond", "using", "based" };

    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "direct", "full", "lightweight", "latent", "sparse", "dense", "scalar", "synthetic", "user", "users", "joint",
        "hybrid", "native", "single", "global", "local", "small", "fast", "hard", "soft", "self", "zero", "cross", "multi",
    };

    /// <summary>A generic word, or a compound of generic words ("fine-grained", "large-scale").</summary>
    private static bool IsGeneric(string word) => word.Split('-', '.').All(part => GenericWords.Contains(part) || !TextTerms.IsContentWord(part));

    private static string Key(IReadOnlyList<string> words) => string.Join(' ', words.Select(WordStemmer.Stem));

    /// <summary>Each paper's top TF-IDF words over the day's abstracts: what places a paper left over near a theme.</summary>
    private static List<HashSet<string>> KeyTerms(IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var counts = new List<Dictionary<string, int>>();
        foreach (var paper in papers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var word in TextTerms.Words(paper.Title + " " + paper.Title + " " + paper.Abstract))
            {
                if (word.Length >= 3 && TextTerms.IsContentWord(word) && !IsGeneric(word) && !word.All(char.IsDigit))
                {
                    var stem = WordStemmer.Stem(word);
                    count[stem] = count.GetValueOrDefault(stem) + 1;
                }
            }

            counts.Add(count);
        }

        var documents = counts.SelectMany(c => c.Keys).GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. counts.Select(count => count
            .Select(c => (Term: c.Key, Weight: c.Value * Math.Log(1.0 + papers.Count / (double)documents[c.Key])))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(KeyTermsPerPaper).Select(t => t.Term).ToHashSet(StringComparer.Ordinal))];
    }

    /// <summary>Words keep their inner hyphens and dots ("vision-language-action", "Qwen2.5"); the surface form shows them.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"[,;:()\[\]""“”!?]|\.(?:\s|$)")]
    private static partial Regex ClauseRegex();

    [GeneratedRegex(@"\b(?:https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkRegex();
}
