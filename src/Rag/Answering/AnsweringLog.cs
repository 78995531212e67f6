using Microsoft.Extensions.Logging;

namespace PaperBot.Rag.Answering;

/// <summary>The answering services' log messages. User text and prompts are logged only at Trace.</summary>
internal static partial class AnsweringLog
{
    [LoggerMessage(Level = LogLevel.Trace, Message = "Follow-up '{Question}' rewritten as '{Rewritten}'")]
    public static partial void Condensed(ILogger logger, string question, string rewritten);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model could not rewrite the follow-up question; carrying over the previous question's words instead")]
    public static partial void CondenseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Prompt sent to the model:\n{Prompt}")]
    public static partial void Prompt(ILogger logger, string prompt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered in {Mode} mode from {Sources} sources in {TotalMs:0} ms (retrieval {RetrievalMs:0} ms, generation {GenerationMs:0} ms); {Dropped} invalid citations dropped")]
    public static partial void Answered(ILogger logger, AnswerMode mode, int sources, double totalMs, double retrievalMs, double generationMs, int dropped);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No indexed paper is relevant to the question; answered without the model")]
    public static partial void NothingRelevant(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No model could answer ({Reason}); answering extractively (Llm:FallbackToExtractive)")]
    public static partial void ModelUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The model failed while answering")]
    public static partial void ModelFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} abstracts with {Model}")]
    public static partial void Embedded(ILogger logger, int count, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of {Day}: {Papers} papers, {Gists} new gists, {Reductions} reduce calls")]
    public static partial void Digested(ILogger logger, string day, int papers, int gists, int reductions);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Digest of {Day} served from the cache")]
    public static partial void DigestCached(ILogger logger, string day);
}
