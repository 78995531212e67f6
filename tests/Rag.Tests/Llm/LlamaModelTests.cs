using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class LlamaModelTests(LlamaModels models)
{
    [Fact]
    public void Loads_a_random_model_with_metadata_and_progress()
    {
        var reports = new List<float>();
        using var model = LlamaModel.Load(models.Llama, progress: new SyncProgress<float>(reports.Add));

        Assert.Equal("llama", model.Info.Architecture);
        Assert.Equal(2, model.Info.LayerCount);
        Assert.Equal(64, model.Info.EmbeddingLength);
        Assert.Equal(2048, model.Info.TrainedContextLength);
        Assert.Equal("F32", model.Info.FileType);
        Assert.True(model.Info.ParameterCount > 32000UL * 64);
        Assert.NotEmpty(reports);
        Assert.Equal(1f, reports[^1]);
    }

    [Fact]
    public void Tokenizes_with_the_real_vocabulary()
    {
        using var model = LlamaModel.Load(models.Llama);
        var tokens = model.Tokenize("Hello world", addSpecial: false);
        Assert.Equal("Hello world", model.Detokenize(tokens).TrimStart());
    }
}
