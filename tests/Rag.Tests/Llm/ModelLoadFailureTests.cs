using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;
using PaperBot.Rag.Llm.Local.Gguf;
using PaperBot.TestSupport.Models;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class ModelLoadFailureTests(LlamaModels models)
{
    [Fact]
    public void Missing_file()
    {
        var path = Path.Combine(models.Folder, "nowhere.gguf");
        var error = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));
        Assert.Equal(ModelLoadFailure.FileNotFound, error.Failure);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_cuda_where_no_gpu_can_be_used_fails_instead_of_running_on_the_cpu()
    {
        // The CPU backend package stands in for a CUDA build whose CUDA runtime did not load: no GPU device registers.
        var options = new LlamaModelOptions { Backend = "cuda", GpuLayers = -1 };

        var error = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(models.Llama, options));

        Assert.Equal(ModelLoadFailure.GpuUnavailable, error.Failure);
        Assert.Contains("-p:LlamaBackend=cuda12", error.Message, StringComparison.Ordinal);
        Assert.Contains("Llm:Backend", error.Message, StringComparison.Ordinal);
        using var onCpu = LlamaModel.Load(models.Llama, options with { GpuLayers = 0 });
        Assert.NotEmpty(onCpu.Tokenize("zero GPU layers is a deliberate CPU run"));
    }

    [Fact]
    public void Not_a_gguf_file()
    {
        var path = Path.Combine(models.Folder, "notes.gguf");
        File.WriteAllText(path, "these are not the weights you are looking for");
        Assert.Equal(ModelLoadFailure.NotGguf, Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path)).Failure);
    }

    [Fact]
    public void Unsupported_gguf_version()
    {
        var path = Path.Combine(models.Folder, "v9.gguf");
        File.WriteAllBytes(path, [.. "GGUF"u8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var error = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));
        Assert.Equal(ModelLoadFailure.NotGguf, error.Failure);
        Assert.Contains("version 9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(0.5)]
    [InlineData(0.001)]
    public void Truncated_file(double keep)
    {
        var bytes = File.ReadAllBytes(models.Llama);
        var path = Path.Combine(models.Folder, $"cut-{keep}.gguf");
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        var error = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));
        Assert.Equal(ModelLoadFailure.Truncated, error.Failure);
    }

    [Fact]
    public void Unsupported_architecture()
    {
        var path = Path.Combine(models.Folder, "alien.gguf");
        new GgufWriter()
            .Set("general.architecture", "alien-transformer")
            .Set("alien-transformer.block_count", 1u)
            .AddTensor("token_embd.weight", GgmlType.F32, [8, 8], _ => { })
            .Write(path);
        var error = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));
        Assert.Equal(ModelLoadFailure.UnsupportedArchitecture, error.Failure);
        Assert.Contains("alien-transformer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_load()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => LlamaModel.Load(models.Llama, cancellationToken: cts.Token));
    }
}
