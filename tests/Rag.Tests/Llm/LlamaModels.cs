using PaperBot.Rag.Llm.Gguf;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>Writes the tiny random-weight models the llama tests share, once per test run.</summary>
public sealed class LlamaModels : IDisposable
{
    public LlamaModels()
    {
        Directory.CreateDirectory(Folder);
        WriteOnce(Llama, RandomModelSpec.TinyLlama(Fixture("ggml-vocab-llama-spm.gguf")));
        WriteOnce(Qwen2, new RandomModelSpec("qwen2", Fixture("ggml-vocab-qwen2.gguf"), Seed: 2));
        WriteOnce(Bert, RandomModelSpec.TinyBert(Fixture("ggml-vocab-bert-bge.gguf")));
    }

    public static string FixtureFolder => Path.Combine(AppContext.BaseDirectory, "fixtures", "llama");

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "paperbot-tests-llama-" + Environment.ProcessId);

    public string Llama => Path.Combine(Folder, "tiny-llama.gguf");

    public string Qwen2 => Path.Combine(Folder, "tiny-qwen2.gguf");

    public string Bert => Path.Combine(Folder, "tiny-bert.gguf");

    public static string Fixture(string name) => Path.Combine(FixtureFolder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void WriteOnce(string path, RandomModelSpec spec)
    {
        if (!File.Exists(path))
        {
            RandomModelFactory.Write(path, spec);
        }
    }
}
