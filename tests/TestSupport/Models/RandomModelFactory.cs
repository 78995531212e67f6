using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PaperBot.Rag.Llm.Local.Gguf;

namespace PaperBot.TestSupport.Models;

/// <summary>
/// Writes GGUF models with random weights and a real tokenizer, for tests and benchmarks: speed depends on the
/// shape and data types, not on the values, and no weights need downloading.
/// </summary>
public static class RandomModelFactory
{
    public static void Write(string path, RandomModelSpec spec)
    {
        var writer = new GgufWriter();
        foreach (var (key, value) in spec.Vocabulary.Metadata)
        {
            writer.Set(key, value);
        }

        if (spec.ChatTemplate is not null)
        {
            writer.Set("tokenizer.chat_template", spec.ChatTemplate);
        }

        var vocabSize = spec.Vocabulary.Count;
        var arch = spec.Architecture;
        writer.Set("general.architecture", arch)
            .Set("general.name", $"random-{arch}-{spec.Layers}x{spec.Embedding}")
            .Set("general.file_type", spec.WeightType switch { GgmlType.F32 => 0u, GgmlType.F16 => 1u, _ => 7u })
            .Set($"{arch}.context_length", (uint)spec.ContextLength)
            .Set($"{arch}.embedding_length", (uint)spec.Embedding)
            .Set($"{arch}.feed_forward_length", (uint)spec.FeedForward)
            .Set($"{arch}.block_count", (uint)spec.Layers)
            .Set($"{arch}.attention.head_count", (uint)spec.Heads);

        var tensors = new TensorFactory(writer, spec);
        if (arch == "bert")
        {
            AddBert(writer, tensors, spec, vocabSize);
        }
        else
        {
            AddDecoder(writer, tensors, spec, vocabSize);
        }

        writer.Write(path);
    }

    private static void AddDecoder(GgufWriter writer, TensorFactory t, RandomModelSpec spec, int vocabSize)
    {
        var arch = spec.Architecture;
        var headDim = spec.Embedding / spec.Heads;
        var kvWidth = headDim * spec.KvHeads;
        writer.Set($"{arch}.attention.head_count_kv", (uint)spec.KvHeads)
            .Set($"{arch}.attention.layer_norm_rms_epsilon", 1e-6f)
            .Set($"{arch}.rope.freq_base", arch == "qwen2" ? 1_000_000f : 10_000f);
        if (arch == "llama")
        {
            writer.Set($"{arch}.rope.dimension_count", (uint)headDim).Set($"{arch}.vocab_size", (uint)vocabSize);
        }

        t.Matrix("token_embd.weight", spec.Embedding, vocabSize);
        t.Ones("output_norm.weight", spec.Embedding);
        for (var i = 0; i < spec.Layers; i++)
        {
            t.Ones($"blk.{i}.attn_norm.weight", spec.Embedding);
            t.Matrix($"blk.{i}.attn_q.weight", spec.Embedding, spec.Embedding);
            t.Matrix($"blk.{i}.attn_k.weight", spec.Embedding, kvWidth);
            t.Matrix($"blk.{i}.attn_v.weight", spec.Embedding, kvWidth);
            if (arch == "qwen2")
            {
                t.Vector($"blk.{i}.attn_q.bias", spec.Embedding);
                t.Vector($"blk.{i}.attn_k.bias", kvWidth);
                t.Vector($"blk.{i}.attn_v.bias", kvWidth);
            }

            t.Matrix($"blk.{i}.attn_output.weight", spec.Embedding, spec.Embedding);
            t.Ones($"blk.{i}.ffn_norm.weight", spec.Embedding);
            t.Matrix($"blk.{i}.ffn_gate.weight", spec.Embedding, spec.FeedForward);
            t.Matrix($"blk.{i}.ffn_up.weight", spec.Embedding, spec.FeedForward);
            t.Matrix($"blk.{i}.ffn_down.weight", spec.FeedForward, spec.Embedding);
        }
    }

    private static void AddBert(GgufWriter writer, TensorFactory t, RandomModelSpec spec, int vocabSize)
    {
        writer.Set("bert.attention.layer_norm_epsilon", 1e-12f)
            .Set("bert.attention.causal", false)
            .Set("bert.pooling_type", 2u)
            .Set("tokenizer.ggml.token_type_count", 2u);
        t.Matrix("token_embd.weight", spec.Embedding, vocabSize);
        t.Matrix("token_types.weight", spec.Embedding, 2, GgmlType.F32);
        t.Matrix("position_embd.weight", spec.Embedding, spec.ContextLength, GgmlType.F32);
        t.Ones("token_embd_norm.weight", spec.Embedding);
        t.Vector("token_embd_norm.bias", spec.Embedding);
        for (var i = 0; i < spec.Layers; i++)
        {
            foreach (var name in new[] { "attn_q", "attn_k", "attn_v", "attn_output" })
            {
                t.Matrix($"blk.{i}.{name}.weight", spec.Embedding, spec.Embedding);
                t.Vector($"blk.{i}.{name}.bias", spec.Embedding);
            }

            t.Ones($"blk.{i}.attn_output_norm.weight", spec.Embedding);
            t.Vector($"blk.{i}.attn_output_norm.bias", spec.Embedding);
            t.Matrix($"blk.{i}.ffn_up.weight", spec.Embedding, spec.FeedForward);
            t.Vector($"blk.{i}.ffn_up.bias", spec.FeedForward);
            t.Matrix($"blk.{i}.ffn_down.weight", spec.FeedForward, spec.Embedding);
            t.Vector($"blk.{i}.ffn_down.bias", spec.Embedding);
            t.Ones($"blk.{i}.layer_output_norm.weight", spec.Embedding);
            t.Vector($"blk.{i}.layer_output_norm.bias", spec.Embedding);
        }
    }

    /// <summary>Adds tensors filled from a seeded generator, so the same spec always gives the same file.</summary>
    private sealed class TensorFactory(GgufWriter writer, RandomModelSpec spec)
    {
        private const float Scale = 0.08f;
        private ulong _state = (ulong)spec.Seed * 0x9E3779B97F4A7C15UL + 1;

        public void Matrix(string name, int columns, int rows, GgmlType? type = null)
        {
            var seed = Next();
            var kind = type ?? spec.WeightType;
            writer.AddTensor(name, kind, [columns, rows], buffer => FillRandom(buffer, kind, seed));
        }

        public void Vector(string name, int length)
        {
            var seed = Next();
            writer.AddTensor(name, GgmlType.F32, [length], buffer => FillRandom(buffer, GgmlType.F32, seed));
        }

        public void Ones(string name, int length) =>
            writer.AddTensor(name, GgmlType.F32, [length], buffer => MemoryMarshal.Cast<byte, float>(buffer).Fill(1f));

        private ulong Next() => _state = SplitMix(_state);

        private static ulong SplitMix(ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }

        private static void FillRandom(Span<byte> buffer, GgmlType type, ulong seed)
        {
            var state = seed;
            switch (type)
            {
                case GgmlType.F32:
                    foreach (ref var value in MemoryMarshal.Cast<byte, float>(buffer))
                    {
                        value = Uniform(ref state);
                    }

                    break;
                case GgmlType.F16:
                    foreach (ref var value in MemoryMarshal.Cast<byte, Half>(buffer))
                    {
                        value = (Half)Uniform(ref state);
                    }

                    break;
                case GgmlType.Q8_0:
                    // A Q8_0 block: an F16 scale, then 32 signed bytes.
                    for (var block = 0; block < buffer.Length; block += 34)
                    {
                        BinaryPrimitives.WriteHalfLittleEndian(buffer[block..], (Half)(Scale / 127));
                        for (var i = 0; i < 32; i++)
                        {
                            state = SplitMix(state);
                            buffer[block + 2 + i] = (byte)(sbyte)((int)(state % 255) - 127);
                        }
                    }

                    break;
                default:
                    throw new NotSupportedException($"random weights of type {type}");
            }
        }

        private static float Uniform(ref ulong state)
        {
            state = SplitMix(state);
            return ((state >> 40) / (float)(1 << 24) * 2 - 1) * Scale;
        }
    }
}
