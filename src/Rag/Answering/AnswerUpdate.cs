namespace PaperBot.Rag.Answering;

/// <summary>
/// One step of a streamed answer: a piece of text as the model writes it, or, last, the <see cref="Result"/>.
/// The streamed text is the answer with each citation checked and numbered as the result's sources are (see
/// <see cref="Citations.StreamingSourceNumbering"/>), so what a front end streams never cites a number its
/// sources list does not have; the result's text is the checked one (spacing tidied, sources appended), which
/// a front end may show in place of what it streamed.
/// </summary>
public sealed record AnswerUpdate(string? Delta, AnswerResult? Result)
{
    public bool IsFinal => Result is not null;

    public static AnswerUpdate Text(string delta) => new(delta, null);

    public static AnswerUpdate Final(AnswerResult result) => new(null, result);
}
