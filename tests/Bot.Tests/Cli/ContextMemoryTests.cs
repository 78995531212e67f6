using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Llm:ContextSize × Llm:Parallel too large for the memory there is, through the real executable: llama.cpp's refusal
/// explained (the settings to lower), as the notice of an extractive answer, or, with Llm:FallbackToExtractive false,
/// as the error of an answer that stops (exit 3); no stack trace either way.
/// </summary>
/// <remarks>
/// The child runs under an 8 GiB address-space cap, with the GC's heap held to 512 MiB and glibc to two malloc arenas,
/// so that the runtime's own reservations grow neither with the cap nor with the number of cores (the runtime, the
/// JIT's code range, thread stacks and the model need about 5 GiB of addresses, most never touched). A normal context fits under that cap, which the test checks first; the
/// KV cache asked for then needs 32 GiB (16 layers × K and V × 64 f16 values = 4 KiB per token, × 8 sequences of 1M
/// tokens), so its allocation is refused at once, down the same path as on a machine short of memory. Without the cap
/// the allocation would be granted and cleared page by page for GBs before failing; with it the child touches about
/// half a GB, and neither this test process nor the machine pays for the rest.
/// </remarks>
public sealed class ContextMemoryTests : IDisposable
{
    private const long AddressSpaceCap = 8L << 30;

    private readonly PaperBotProcess _bot = new() { AddressSpaceLimit = AddressSpaceCap };

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task A_context_larger_than_memory_is_refused_with_the_settings_to_lower()
    {
        var model = Path.Combine(_bot.Workspace, "deep.gguf");
        RandomModelFactory.Write(model, RandomModelSpec.TinyLlama() with { Layers = 16 });
        _bot.Environment["DOTNET_GCHeapHardLimit"] = "0x20000000";
        _bot.Environment["MALLOC_ARENA_MAX"] = "2"; // each arena reserves 64 MiB, and glibc allows 8 per core
        _bot.Environment["PAPERBOT_Llm__ModelPath"] = model;
        _bot.Environment["PAPERBOT_Llm__Threads"] = "1";

        var normal = await _bot.RunAsync("generate", "the cap leaves room for", "--max-tokens", "4");
        _bot.Environment["PAPERBOT_Llm__ContextSize"] = "1048576";
        _bot.Environment["PAPERBOT_Llm__Parallel"] = "8";
        var huge = await _bot.RunAsync("ask", "what is new in scaling laws?");
        _bot.Environment["PAPERBOT_Llm__FallbackToExtractive"] = "false";
        var strict = await _bot.RunAsync("ask", "what is new in scaling laws?");

        var refusal = $"Cannot load model '{model}': not enough memory for a context of 8 sequences of 1048576 tokens; lower Llm:ContextSize or Llm:Parallel";
        Assert.True(normal.ExitCode == 0, normal.ToString());
        Assert.True(huge.ExitCode == 0, huge.ToString());
        Assert.Contains("Extractive answer", huge.Stdout, StringComparison.Ordinal);
        Assert.Contains($"No model answers: {refusal}", huge.Stderr, StringComparison.Ordinal);
        Assert.True(strict.ExitCode == 3, strict.ToString());
        Assert.Contains(refusal, Assert.Single(strict.ErrorLines), StringComparison.Ordinal);
        CliAssert.NoStackTrace(huge);
        CliAssert.NoStackTrace(strict);
    }
}
