namespace PaperBot.Rag.Answering;

/// <summary>
/// One step of a streamed answer: a piece of text as the model writes it, or, last, the <see cref="Result"/>.
/// The streamed text is the raw answer; the result's text is the checked one (invalid citations removed,
/// sources appended), which a front end shows in place of what it streamed.
/// </summary>
public sealed record AnswerUpdate(string? Delta, AnswerResult? Result)
{
    public bool IsFinal => Result is not null;

    public static AnswerUpdate Text(string delta) => new(delta, null);

    public static AnswerUpdate Final(AnswerResult result) => new(null, result);
}
