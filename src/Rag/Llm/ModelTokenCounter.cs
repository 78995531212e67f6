using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Llm;

/// <summary>Counts tokens with the loaded model's own tokenizer, so prompts are packed to its real context window.</summary>
internal sealed class ModelTokenCounter(LlamaModelHost host) : ITokenCounter
{
    public int ContextSize => host.Engine.SequenceContextSize;

    public int CountTokens(string text) => host.Engine.Tokenize(text, addSpecial: false, parseSpecial: false).Length;
}
