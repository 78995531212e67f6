namespace PaperBot.TestSupport.Models;

/// <summary>A tokenizer as GGUF "tokenizer.*" metadata, ready to be written into a model.</summary>
/// <param name="Count">The number of tokens, which sets the size of the embedding and output layers.</param>
public sealed record TestVocabulary(IReadOnlyDictionary<string, object> Metadata, int Count);
