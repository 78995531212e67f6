using System.Text.RegularExpressions;

namespace PaperBot.Rag.Answering.Text;

/// <summary>
/// What a question asks for, as far as choosing the answering sentence goes: a quantity ("how many", "what
/// score"), a name ("what is … called", "is there a method that…"), a method ("how does…"), a reason ("why…") or a
/// finding ("do VLMs do better with images?", "what actually makes GRPO work?").
/// <see cref="Preference"/> is the factor by which a sentence of that shape is preferred over one that only
/// shares words with the question. <see cref="AsksForPapers"/> tells a question about the papers on a topic,
/// which retrieval searches more widely.
/// </summary>
public sealed partial record QuestionIntent(bool Quantity, bool Name, bool Method, bool Reason, bool Finding, string? AskedNoun, IReadOnlySet<string> QuestionNumbers)
{
    public static QuestionIntent Of(string question)
    {
        var quantity = QuantityRegex().Match(question);
        var name = NameRegex().Match(question);
        var noun = quantity.Success && quantity.Groups["noun"].Success ? quantity.Groups["noun"].Value
            : name.Success && name.Groups["noun"].Success ? name.Groups["noun"].Value : null;
        return new QuestionIntent(
            quantity.Success,
            name.Success || ExistsRegex().IsMatch(question),
            !quantity.Success && MethodRegex().IsMatch(question),
            ReasonRegex().IsMatch(question),
            !quantity.Success && FindingRegex().IsMatch(question),
            noun is null || !TextTerms.IsContentWord(noun.ToLowerInvariant()) ? null : WordStemmer.Stem(noun),
            QuantityNumberRegex().Matches(question).Select(m => m.Value).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// True for a question that asks for the papers on a topic rather than for one fact: "which papers…", "what work
    /// is there on…", "what has been done on…", "how do people…", "anything on…", "any work on…", "papers on…",
    /// "X — what's out there?", "what exists on…", "looking for papers".
    /// </summary>
    public static bool AsksForPapers(string question) => PapersRegex().IsMatch(question);

    /// <summary>How much more a sentence of the asked-for shape is worth (1 when the question has no particular shape).</summary>
    public double Preference(string sentence, IReadOnlySet<string> sentenceStems)
    {
        var factor = 1.0;
        if (Quantity && QuantityNumberRegex().Matches(sentence).Any(m => !QuestionNumbers.Contains(m.Value)))
        {
            // A quantity question is answered by a number; one about the asked noun ("how many parameters") the more.
            factor *= AskedNoun is not null && sentenceStems.Contains(AskedNoun) ? 4.0 : 3.0;
        }

        if (Name && IntroducesNameRegex().IsMatch(sentence))
        {
            factor *= AskedNoun is not null && sentenceStems.Contains(AskedNoun) ? 2.0 : 1.5;
        }

        if (Method && MethodSentenceRegex().IsMatch(sentence))
        {
            factor *= 1.5;
        }

        if (Reason && ReasonSentenceRegex().IsMatch(sentence))
        {
            // The reason is often stated in other words than the question's, next to the sentence that repeats it.
            factor *= 2.5;
        }

        if (Finding && FindingSentenceRegex().IsMatch(sentence))
        {
            // A yes/no or "what turned out" question is answered by what the authors found, seldom in its words.
            factor *= 2.5;
        }

        return factor;
    }

    [GeneratedRegex(@"\b(how (many|much|large|big|fast|long|small|often|little|few)|what (\w+ )?(accuracy|percentage|score|size|sizes|number|speed|rate|improvement|gain|throughput|context length|success rate|f1)|what did (it|they|\w+) (hit|score|get|reach|achieve)|number of|by how|up to how|(best|top|highest|peak) (accuracy|score|result|performance|success rate)|what (%|percent|percentage)|speed-?up|costs?|scored)\b(\s+(?:(?:does|do|did|is|are|was|were|the|a|of)\s+)*(?<noun>\p{L}+))?", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"\b((which|what) (is the |are the )?(\w+ )?(?<noun>benchmark|dataset|model|method|framework|system|technique|test|module|function|pipeline|approach|tokenizer|library|agent)s?\b|what is the name|what is .* called|what are .* called|name of)", RegexOptions.IgnoreCase)]
    private static partial Regex NameRegex();

    /// <summary>"Is there a method that…", "has anyone…": the answer names the paper's method or resource.</summary>
    [GeneratedRegex(@"^\s*(is there|are there|has anyone|have people|does any|can \w+ be)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExistsRegex();

    [GeneratedRegex(@"^\s*((which|what) (other )?(papers|works|work|studies|research|articles|publications|approaches|methods)\b|what (has|have) been (done|proposed|published)\b|how do (people|papers|researchers|works|studies|authors)\b|(are|is) there (any )?(papers|works|work|studies|research)\b)|\b(anything|any (papers|work|works|research|studies)) (on|about|using)\b|^\s*papers (on|about)\b|\bwhat'?s out there\b|\bwhat (exists|is there|research is there|work is there) (on|about|for)\b|\blooking for papers\b", RegexOptions.IgnoreCase)]
    private static partial Regex PapersRegex();

    [GeneratedRegex(@"^\s*how (does|do|did|can|could|is|are|should)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MethodRegex();

    [GeneratedRegex(@"^\s*why\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReasonRegex();

    /// <summary>A yes/no question (not "is there…", which asks for a name), or one asking what turned out.</summary>
    [GeneratedRegex(@"^\s*(do|does|did|can|could|will|would|should|is|are|was|were)\b(?!\s+there\b)|\b(what (actually )?makes|turn(s|ed)? out|what did (they|the authors) find|better or worse)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FindingRegex();

    [GeneratedRegex(@"\b(we (find|found|observe|observed|show|discover|reveal|uncover|demonstrate)|(results|experiments|analysis|analyses|findings|ablations?( studies)?) (show|shows|reveal|reveals|indicate|indicates|suggest|suggests|demonstrate|demonstrates)|surprisingly|notably|outperform\w*|underperform\w*|worse|better than|cannot|fail to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FindingSentenceRegex();

    /// <summary>A number stating a quantity: not the digit inside a name ("GPT-4", "Qwen2.5", "R1").</summary>
    [GeneratedRegex(@"(?<![\p{L}\-\d.])\d+(?:[.,]\d+)*\s?(?:%|x\b|×|[KMBkmb]\b)?")]
    private static partial Regex QuantityNumberRegex();

    // The phrases that introduce a name, or a name itself: a word with an inner capital ("MetaMotion", "KoLMogorov").
    [GeneratedRegex(@"(?i:\b(we (introduce|present|propose|release|build|construct|develop)|namely|named|called|dubbed|termed)\b)|\b[A-Z][a-z]+[A-Z]\w*|\b[A-Z]{2,}\w*")]
    private static partial Regex IntroducesNameRegex();

    [GeneratedRegex(@"\b(we (propose|introduce|present|design|develop|use|employ|leverage|adopt)|by (introducing|using|adding|training|learning|combining|\w+ing)|through|via|consists? of|module|mechanism|strategy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MethodSentenceRegex();

    [GeneratedRegex(@"\b(because|due to|attribut\w*|caused by|stems? from|reason\w*|limitation\w*|insufficient|lack\w*|fail\w*|unable|struggle\w*|suffer\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReasonSentenceRegex();
}
