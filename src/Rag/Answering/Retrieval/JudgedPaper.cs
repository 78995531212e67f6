namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>One candidate paper for a standing topic, with the evidence the relevance model read and the probability it gave.</summary>
public sealed record JudgedPaper(RetrievedPaper Candidate, RelevanceEvidence Evidence, double Probability)
{
    /// <summary>
    /// True when the paper would answer a question on the topic: the model's probability reaches
    /// <see cref="RelevanceModel.AnswerAt"/>, or the paper is a <see cref="RelevanceEvidence.ClearMatch"/>.
    /// </summary>
    public bool Relevant(RelevanceModel model) => Probability >= model.AnswerAt || Evidence.ClearMatch;
}
