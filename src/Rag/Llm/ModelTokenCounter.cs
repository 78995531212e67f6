using Microsoft.Extensions.Options;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Llm;

/// <summary>
/// Counts tokens with the loaded model's own tokenizer, so prompts are packed to its real context window. When
/// llama.cpp refuses the model, it counts by the character estimate instead: packing goes on, and the chat client
/// reports the refusal where answers handle it (the model is unavailable; the answer is extractive).
/// </summary>
internal sealed class ModelTokenCounter(LlamaModelHost host, IOptions<LlmOptions> options) : ITokenCounter
{
    private readonly CharacterTokenEstimate _estimate = new(options.Value.ContextSize);

    public int ContextSize => Engine() is { } engine ? engine.SequenceContextSize : _estimate.ContextSize;

    public int CountTokens(string text) =>
        Engine() is { } engine ? engine.Tokenize(text, addSpecial: false, parseSpecial: false).Length : _estimate.CountTokens(text);

    /// <summary>The engine, or null once llama.cpp has refused the model (the host keeps that answer).</summary>
    private LlamaEngine? Engine()
    {
        try
        {
            return host.Engine;
        }
        catch (ModelLoadException)
        {
            return null;
        }
    }
}
