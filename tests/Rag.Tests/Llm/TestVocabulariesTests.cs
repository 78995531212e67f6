using Microsoft.ML.Tokenizers;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>The GGUF vocabularies built from tiktoken ranks tokenize in llama.cpp exactly as tiktoken does.</summary>
[Collection(LlamaTestGroup.Name)]
public sealed class TestVocabulariesTests(LlamaModels models)
{
    [Theory]
    [InlineData("llama", "gpt2")]
    [InlineData("qwen2", "gpt-4")]
    public void Byte_pair_vocabularies_match_tiktoken_on_real_abstracts(string which, string tiktokenModel)
    {
        using var model = LlamaModel.Load(which == "llama" ? models.Llama : models.Qwen2);
        var tiktoken = TiktokenTokenizer.CreateForModel(tiktokenModel);
        var text = string.Join("\n\n", Directory.EnumerateFiles(TestPaths.SeedDirectory, "*.txt").Order(StringComparer.Ordinal).Take(3).Select(File.ReadAllText));

        var ours = model.Tokenize(text, addSpecial: false);

        Assert.True(ours.Length > 500, $"{ours.Length} tokens");
        Assert.Equal(tiktoken.EncodeToIds(text), ours);
        Assert.Equal(text, model.Detokenize(ours));
    }

    [Fact]
    public void Word_piece_vocabulary_splits_words_without_unknown_tokens()
    {
        using var model = LlamaModel.Load(models.Bert);

        var tokens = model.Tokenize("Retrieval-augmented generation improves factuality.", addSpecial: true);

        Assert.Equal(2, tokens[0]); // [CLS]
        Assert.Equal(3, tokens[^1]); // [SEP]
        Assert.DoesNotContain(1, tokens); // [UNK]
        Assert.True(tokens.Length >= 8, $"{tokens.Length} tokens");
        // Lower-cased, punctuation split off as BERT does.
        Assert.Equal("retrieval - augmented generation improves factuality .", model.Detokenize(tokens[1..^1]).Trim());
    }
}
