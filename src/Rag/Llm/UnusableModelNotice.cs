namespace PaperBot.Rag.Llm;

/// <summary>
/// The notice that the configured chat model cannot be used (<see cref="ILlmAvailability.ChatModelNotice"/>), given
/// once per process: the first answer or digest carries it, so a chat or a bot does not repeat it under every reply.
/// </summary>
public sealed class UnusableModelNotice(string? text)
{
    private int _given;

    /// <summary>The notice the first time; null afterwards, and always null when the model is usable or none was configured.</summary>
    public string? Take() => text is not null && Interlocked.Exchange(ref _given, 1) == 0 ? text : null;
}
