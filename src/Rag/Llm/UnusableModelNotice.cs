namespace PaperBot.Rag.Llm;

/// <summary>
/// The notice that the chat model cannot be used, given once per process: the first answer or digest carries it, so a
/// chat or a bot does not repeat it under every reply. Its cause is known at start (<see
/// cref="ModelSetup.ChatNotice"/>: a missing or damaged file) or found at first use (llama.cpp refuses
/// the model: <see cref="Refused"/>).
/// </summary>
public sealed class UnusableModelNotice(string? text)
{
    private string? _text = text;
    private int _given;

    /// <summary>Records llama.cpp's refusal of the model as the notice, unless one is known already.</summary>
    public void Refused(string reason) =>
        Interlocked.CompareExchange(ref _text, $"No model answers: {reason}; answers are extractive, quoted from the abstracts.", null);

    /// <summary>The notice the first time; null afterwards, and null while the model is usable or none was configured.</summary>
    public string? Take() => Volatile.Read(ref _text) is { } notice && Interlocked.Exchange(ref _given, 1) == 0 ? notice : null;
}
