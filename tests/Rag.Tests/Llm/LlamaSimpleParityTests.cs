using System.Diagnostics;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;
using PaperBot.TestSupport.Remote;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>
/// Greedy decoding against llama.cpp's own plainest loop: llama-simple, built from the pinned llama.cpp source by
/// the test build (scripts/build-llama-server.sh). It prints the prompt's pieces, then each greedy token's piece,
/// then a newline; our engine with plain argmax must continue the same prompt with the same text.
/// </summary>
[Trait(LlamaTools.Trait, LlamaTools.TraitValue)]
[Collection(LlamaTestGroup.Name)]
public sealed class LlamaSimpleParityTests(LlamaModels models)
{
    private const int Tokens = 32;

    public static TheoryData<string> Architectures => ["llama", "qwen2"];

    [Theory]
    [MemberData(nameof(Architectures))]
    public async Task Greedy_text_equals_llama_simple(string architecture)
    {
        var path = architecture == "llama" ? models.Llama : models.Qwen2;
        const string prompt = "Recent papers on retrieval show that";

        var reference = await RunLlamaSimpleAsync(path, prompt);

        using var model = LlamaModel.Load(path);
        using var engine = new LlamaEngine(model, new LlamaEngineOptions { Threads = 1, ContextSize = 256, Parallel = 1 });
        var ours = await engine.GenerateTextAsync(prompt, GenerationOptions.Greedy with { MaxTokens = Tokens });
        Assert.NotEmpty(ours.Text);
        var promptPieces = model.Detokenize(model.Tokenize(prompt));
        Assert.Equal(promptPieces + ours.Text + "\n", reference);
    }

    private static async Task<string> RunLlamaSimpleAsync(string modelPath, string prompt)
    {
        var start = new ProcessStartInfo(LlamaTools.Simple)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-m", modelPath, "-n", Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture), prompt },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"llama-simple exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
