using PaperBot.Bot.Cli;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Chat;

/// <summary>One chat round trip through the real llama.cpp engine, on a tiny random-weight model written for the test.</summary>
public sealed class ChatRealModelTests : IDisposable
{
    private readonly string _folder = Path.Combine(TestPaths.ScratchRoot, "chat-model-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_question_is_answered_by_the_local_model_with_its_speed()
    {
        Directory.CreateDirectory(_folder);
        var model = Path.Combine(_folder, "tiny-llama.gguf");
        RandomModelFactory.Write(model, RandomModelSpec.TinyLlama());
        using var chat = new ChatHarness(withModel: false, new Dictionary<string, string?>
        {
            ["Llm:ModelPath"] = model,
            ["Llm:MaxAnswerTokens"] = "8",
            ["Llm:Parallel"] = "1",
            ["Llm:ContextSize"] = "2048",
            ["Llm:Seed"] = "1",
        });

        var (code, output) = await chat.Run("Which papers use flow matching for image generation?\n/model\n");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("PaperBot chat · model tiny-llama.gguf (cpu)", output, StringComparison.Ordinal);
        Assert.Contains("Loading the model tiny-llama.gguf", output, StringComparison.Ordinal);
        Assert.Contains("Sources:", output, StringComparison.Ordinal);
        Assert.Matches(@"\d+\.\d tok/s · \d tokens · first token", output);
        Assert.Contains("loaded: llama", output, StringComparison.Ordinal);
        Assert.Contains("context: 2048 tokens per sequence, 1 parallel sequences", output, StringComparison.Ordinal);
    }
}
