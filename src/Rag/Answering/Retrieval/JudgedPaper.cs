namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>One candidate paper for a standing topic, with the evidence the relevance model read and the probability it gave.</summary>
public sealed record JudgedPaper(RetrievedPaper Candidate, RelevanceEvidence Evidence, double Probability)
{
    /// <summary>
    /// True when the paper would be among an answer's papers on the topic: the model gives it at least
    /// <see cref="RelevanceModel.ClosestAt"/>, the bar a candidate past the best must clear to be used. The looser
    /// <see cref="RelevanceEvidence.Related"/> rule is not applied: a day has many papers sharing a topic's two
    /// commonest words ("long", "generation"), and an alert is read without a question's hedge. The bar was chosen on
    /// the tune half of eval/watches.jsonl: at <see cref="RelevanceModel.AnswerAt"/> its alerts had precision 0.68 and
    /// recall 0.38, here 0.46 and 0.67 (bench/Bench watches).
    /// </summary>
    public bool Relevant(RelevanceModel model) => Probability >= model.ClosestAt;
}
