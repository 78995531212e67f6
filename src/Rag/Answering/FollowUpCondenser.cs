using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PaperBot.Rag.Answering.Prompts;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering;

/// <summary>
/// Turns a follow-up ("and which of them use RL?") into a question that can be searched on its own. Only a
/// question that reads as a follow-up (<see cref="FollowUpRule"/>) is condensed; a new question is searched as
/// asked. With a model, the condense prompt rewrites it from the conversation; without one (or when the model
/// fails), the previous question's content words are carried over into the query.
/// </summary>
public sealed class FollowUpCondenser(PromptLibrary prompts, ILogger<FollowUpCondenser> logger)
{
    /// <summary>Only the latest turns matter for what "them" refers to, and they keep the prompt short.</summary>
    private const int TurnsShown = 3;

    /// <summary>Earlier answers are cut in the prompt: the names they mention come early, the rest is detail.</summary>
    private const int AnswerCharsShown = 400;

    private const int MaxRewriteTokens = 96;

    public async Task<string> CondenseAsync(string question, IReadOnlyList<ConversationTurn> history, IChatClient? chat, CancellationToken cancellationToken)
    {
        if (history.Count == 0 || !FollowUpRule.IsFollowUp(question))
        {
            return question;
        }

        if (chat is not null)
        {
            try
            {
                var messages = await prompts.Get(PromptName.Condense).RenderAsync(
                    new Dictionary<string, string> { ["history"] = FormatHistory(history), ["question"] = question }, cancellationToken);
                var response = await chat.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = MaxRewriteTokens, Temperature = 0 }, cancellationToken);
                var rewritten = FirstLine(response.Text);
                if (rewritten.Length > QuestionText.MaxLength)
                {
                    rewritten = rewritten[..QuestionText.MaxLength];
                }

                if (rewritten.Length > 0)
                {
                    AnsweringLog.Condensed(logger, question, rewritten);
                    return rewritten;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not PromptException)
            {
                AnsweringLog.CondenseFailed(logger, e);
            }
        }

        return CarryOverTerms(question, history);
    }

    /// <summary>
    /// The question followed by the content words it does not already contain of the conversation's questions back to
    /// the last one that stood on its own: in "What is SEVerA?" → "How does it guarantee safety?" → "Which tasks did
    /// they evaluate it on?", the third still means SEVerA, which only the first names.
    /// </summary>
    public static string CarryOverTerms(string question, IReadOnlyList<ConversationTurn> history)
    {
        var own = TextTerms.Stems(question).ToHashSet(StringComparer.Ordinal);
        var carried = new List<string>();
        for (var i = history.Count - 1; i >= 0; i--)
        {
            // As written: a carried name keeps the capitals that make it a name the answer must be about.
            carried.AddRange(TextTerms.CasedWords(history[i].Question).Where(w => TextTerms.IsContentWord(w.ToLowerInvariant())).Where(w => own.Add(WordStemmer.Stem(w))));
            if (!FollowUpRule.IsFollowUp(history[i].Question))
            {
                break;
            }
        }

        return carried.Count == 0 ? question : question + " " + string.Join(' ', carried);
    }

    private static string FormatHistory(IReadOnlyList<ConversationTurn> history)
    {
        var text = new StringBuilder();
        foreach (var turn in history.TakeLast(TurnsShown))
        {
            var answer = turn.Answer.Length > AnswerCharsShown ? turn.Answer[..AnswerCharsShown] + " …" : turn.Answer;
            text.Append("User: ").Append(QuestionText.Clean(turn.Question)).Append('\n');
            text.Append("PaperBot: ").Append(QuestionText.Clean(answer)).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return QuestionText.Clean(line.Trim('"', '\'', '“', '”'));
    }
}
