using System.Text.RegularExpressions;

namespace PaperBot.Rag.Answering.Text;

/// <summary>
/// Whether a question in a conversation continues the previous one: it refers back ("them", "it", "those
/// papers", "and which…", "what about…") or has almost no content words of its own ("Why?", "how many
/// parameters?"). Anything else is a new question and is searched as asked: an unrelated question must not
/// inherit the previous one's words. The console chat and Discord reply chains both go through this rule.
/// </summary>
public static partial class FollowUpRule
{
    /// <summary>A question with at most this many content words of its own cannot stand alone.</summary>
    private const int MaxOwnContentWords = 1;

    public static bool IsFollowUp(string question) =>
        RefersBackRegex().IsMatch(question)
        || TextTerms.Words(question).Where(TextTerms.IsContentWord).Distinct(StringComparer.Ordinal).Count() <= MaxOwnContentWords;

    [GeneratedRegex(@"^\s*(and|also|but|so|then|what about|how about|which of|any of|more on|tell me more)\b|\b(them|they|their|theirs|it|its|these|those|this one|that one|the same|the former|the latter|the above|the first one|the second one|the last one|this paper|that paper|this method|that method|this model|that model)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RefersBackRegex();
}
