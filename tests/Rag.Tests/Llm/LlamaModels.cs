using PaperBot.TestSupport.Models;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>Writes the tiny random-weight models the llama tests share, once per test run.</summary>
public sealed class LlamaModels : IDisposable
{
    public LlamaModels()
    {
        Directory.CreateDirectory(Folder);
        try
        {
            WriteOnce(Llama, RandomModelSpec.TinyLlama());
            WriteOnce(Qwen2, RandomModelSpec.TinyQwen2());
            WriteOnce(Bert, RandomModelSpec.TinyBert());
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor failed: leave no half-written model behind.
            Directory.Delete(Folder, recursive: true);
            throw;
        }
    }

    public string Folder { get; } = Path.Combine(TestPaths.ScratchRoot, "llama-models");

    public string Llama => Path.Combine(Folder, "tiny-llama.gguf");

    public string Qwen2 => Path.Combine(Folder, "tiny-qwen2.gguf");

    public string Bert => Path.Combine(Folder, "tiny-bert.gguf");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void WriteOnce(string path, RandomModelSpec spec)
    {
        if (!File.Exists(path))
        {
            RandomModelFactory.Write(path, spec);
        }
    }
}
