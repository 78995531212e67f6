using PaperBot.Rag.Llm.Local.Gguf;
using PaperBot.TestSupport.Models;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class GgufFileTests(LlamaModels models)
{
    [Fact]
    public void Reads_the_metadata_and_tensors_of_a_written_model()
    {
        var file = GgufFile.Read(models.Llama);

        Assert.Equal(3u, file.Version);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal(2048, file.ContextLength);
        Assert.Equal(0, file.FileType);
        Assert.Equal(GgmlType.F32, file.MainTensorType);
        Assert.Contains(file.Tensors, t => t.Name == "blk.1.ffn_down.weight" && t.Dimensions.SequenceEqual([128L, 64L]));
        Assert.Equal(file.Tensors.Sum(t => t.ElementCount), file.ParameterCount);
        Assert.Equal(50_256 + 3, ((string[])file.Metadata["tokenizer.ggml.tokens"]).Length); // GPT-2's ranks and three special tokens
    }

    [Fact]
    public void Round_trips_every_value_type()
    {
        var path = Path.Combine(models.Folder, "values.gguf");
        new GgufWriter()
            .Set("u8", (byte)1).Set("i8", (sbyte)-2).Set("u16", (ushort)3).Set("i16", (short)-4)
            .Set("u32", 5u).Set("i32", -6).Set("f32", 7.5f).Set("bool", true).Set("str", "héllo")
            .Set("u64", 8UL).Set("i64", -9L).Set("f64", 10.25).Set("strings", new[] { "a", "b" }).Set("ints", new[] { 1, 2, 3 })
            .AddTensor("q", GgmlType.Q8_0, [64, 2], b => b.Fill(1))
            .Write(path);

        var file = GgufFile.Read(path);

        Assert.Equal((byte)1, file.Metadata["u8"]);
        Assert.Equal((sbyte)-2, file.Metadata["i8"]);
        Assert.Equal((ushort)3, file.Metadata["u16"]);
        Assert.Equal((short)-4, file.Metadata["i16"]);
        Assert.Equal(5u, file.Metadata["u32"]);
        Assert.Equal(-6, file.Metadata["i32"]);
        Assert.Equal(7.5f, file.Metadata["f32"]);
        Assert.Equal(true, file.Metadata["bool"]);
        Assert.Equal("héllo", file.Metadata["str"]);
        Assert.Equal(8UL, file.Metadata["u64"]);
        Assert.Equal(-9L, file.Metadata["i64"]);
        Assert.Equal(10.25, file.Metadata["f64"]);
        Assert.Equal(["a", "b"], (string[])file.Metadata["strings"]);
        Assert.Equal([1, 2, 3], (int[])file.Metadata["ints"]);
        Assert.Equal(4 * 34, Assert.Single(file.Tensors).ByteSize);
    }

    [Fact]
    public void Rejects_a_tensor_that_points_past_the_end()
    {
        var bytes = File.ReadAllBytes(models.Llama);
        var path = Path.Combine(models.Folder, "short.gguf");
        File.WriteAllBytes(path, bytes[..^64]);
        var error = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));
        Assert.Equal(PaperBot.Rag.Llm.ModelLoadFailure.Truncated, error.Failure);
    }
}
