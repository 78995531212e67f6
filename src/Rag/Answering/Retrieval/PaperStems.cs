using System.Runtime.CompilerServices;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// The stemmed content words of a paper, computed once per paper object: one retrieval reads them for the coverage
/// of every candidate, the words the best candidates use and the relevance evidence. The API's keywords count with
/// the title: they name what an abstract is about in words a question is likely to use.
/// </summary>
internal static class PaperStems
{
    private static readonly ConditionalWeakTable<Paper, HashSet<string>> AllOf = [];
    private static readonly ConditionalWeakTable<Paper, HashSet<string>> TitleOf = [];

    /// <summary>The stems of the title, the abstract and the AI keywords.</summary>
    public static IReadOnlySet<string> All(Paper paper) =>
        AllOf.GetValue(paper, p => Stems(p.Title + " " + p.Abstract + " " + string.Join(' ', p.AiKeywords)));

    /// <summary>The stems of the title and the AI keywords: what the paper is about.</summary>
    public static IReadOnlySet<string> Title(Paper paper) =>
        TitleOf.GetValue(paper, p => Stems(p.Title + " " + string.Join(' ', p.AiKeywords)));

    private static HashSet<string> Stems(string text) => TextTerms.Stems(text).ToHashSet(StringComparer.Ordinal);
}
