using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering;

/// <summary>
/// Which days a question is about: the request's own range when it has one (an option wins), else a day or period
/// written in the question (<see cref="QuestionDates"/>), resolved against today's date and the index's days. The
/// words that name a period are never searched for, whichever range wins.
/// </summary>
public sealed class PeriodResolver(PaperStore store, TimeProvider time)
{
    /// <summary>
    /// The period (null for any day) and the text to search with: the question without the words that named its
    /// period, since a date is a filter, not a topic ("Oct", "2024" would otherwise be searched for).
    /// </summary>
    public (AnswerPeriod? Period, string Search) Resolve(AnswerRequest request, string question)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var mention = QuestionDates.Find(question, today, store.LatestDayOn);
        var search = mention is null ? question : QuestionDates.Without(question, mention);
        if (request.From is not null || request.To is not null)
        {
            return (new AnswerPeriod(request.From, request.To, FromQuestion: false), search);
        }

        return (mention is null ? null : new AnswerPeriod(mention.From, mention.To, FromQuestion: true), search);
    }
}
