using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class LlamaEmbeddingGeneratorTests(LlamaModels models) : IDisposable
{
    private static readonly string[] Texts = ["Attention is all you need.", "Diffusion models beat GANs on image synthesis.", "这是一个中文句子。", ""];
    private readonly LlamaModel _model = LlamaModel.Load(models.Bert);
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        _owned.ForEach(d => d.Dispose());
        _model.Dispose();
    }

    [Fact]
    public async Task Vectors_are_unit_length_and_repeatable()
    {
        using var generator = new LlamaEmbeddingGenerator(Embedder());
        var first = await generator.GenerateAsync(Texts);
        var again = await generator.GenerateAsync(Texts);

        Assert.Equal(Texts.Length, first.Count);
        Assert.All(first, e => Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 3));
        Assert.All(first, e => Assert.Equal(64, e.Vector.Length));
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(first[i].Vector.ToArray(), again[i].Vector.ToArray());
        }

        Assert.True(TensorPrimitives.CosineSimilarity(first[0].Vector.Span, first[1].Vector.Span) < 0.9999f);
        Assert.True(first.Usage!.InputTokenCount > 10);
    }

    [Fact]
    public void The_model_id_names_the_file_before_the_model_is_loaded()
    {
        using var generator = new LlamaEmbeddingGenerator(new Lazy<LlamaEmbedder>(() => throw new InvalidOperationException("not loaded")), models.Bert);

        var id = generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId;

        Assert.Equal($"tiny-bert.gguf ({new FileInfo(models.Bert).Length} bytes)", id);
    }

    [Fact]
    public async Task Batched_equals_one_by_one()
    {
        using var generator = new LlamaEmbeddingGenerator(Embedder(maxSequences: 4));
        var batched = await generator.GenerateAsync(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            var single = await generator.GenerateAsync([Texts[i]]);
            Assert.True(TensorPrimitives.CosineSimilarity(batched[i].Vector.Span, single[0].Vector.Span) > 0.9999f, $"text {i}");
        }
    }

    [Fact]
    public async Task More_texts_than_one_batch_holds()
    {
        using var generator = new LlamaEmbeddingGenerator(Embedder(maxSequences: 2));
        var many = Enumerable.Range(0, 7).Select(i => $"paper number {i}").ToArray();
        var vectors = await generator.GenerateAsync(many);
        var last = await generator.GenerateAsync([many[^1]]);
        Assert.Equal(7, vectors.Count);
        Assert.True(TensorPrimitives.CosineSimilarity(vectors[^1].Vector.Span, last[0].Vector.Span) > 0.9999f);
    }

    private LlamaEmbedder Embedder(int maxSequences = 16)
    {
        var embedder = new LlamaEmbedder(_model, batchSize: 256, maxSequences: maxSequences, threads: 1);
        _owned.Add(embedder);
        return embedder;
    }
}
