namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// One line of an evaluation file: a question, the titles of the papers that answer it, and optionally a
/// phrase the answer must contain (the key fact of the answering sentence: a number, a name).
/// </summary>
public sealed record EvalQuestion(string Question, IReadOnlyList<string> GoldTitles, string? AnswerContains = null);
