using PaperBot.Bot.Cli;
using PaperBot.Bot.Tests.Cli;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Commands;

/// <summary>models and generate through the real executable, with a tiny random-weight model in the workspace's models/.</summary>
public sealed class ModelCommandsTests : IDisposable
{
    // A strong repeat penalty, so that `generate --greedy` ignoring it shows on a tiny random model.
    private readonly PaperBotProcess _bot = new(""", "Llm": { "ContextSize": 512, "Parallel": 1, "Threads": 1, "RepeatPenalty": 3.0 }""");

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Models_lists_gguf_files_with_their_metadata_and_the_one_in_use()
    {
        var models = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "models")).FullName;
        RandomModelFactory.Write(Path.Combine(models, "tiny.gguf"), RandomModelSpec.TinyLlama());
        await File.WriteAllTextAsync(Path.Combine(models, "broken.gguf"), "not a model");

        var result = await _bot.RunAsync("models", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var rows = result.Json.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var tiny = rows.Single(r => r.GetProperty("file").GetString() == "tiny.gguf");
        Assert.Equal("llama", tiny.GetProperty("architecture").GetString());
        var broken = rows.Single(r => r.GetProperty("file").GetString() == "broken.gguf");
        Assert.Contains("unreadable", broken.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_continues_a_prompt_greedily_and_repeatably()
    {
        var models = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "models")).FullName;
        RandomModelFactory.Write(Path.Combine(models, "tiny.gguf"), RandomModelSpec.TinyLlama());

        var first = await _bot.RunAsync("generate", "The paper shows", "--greedy", "--max-tokens", "32", "--json");
        var second = await _bot.RunAsync("generate", "The paper shows", "--greedy", "--max-tokens", "32", "--json");

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.Equal(32, first.Json.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(first.Json.GetProperty("text").GetString(), second.Json.GetProperty("text").GetString());

        // --greedy is plain argmax: the engine with no repeat penalty (Llm:RepeatPenalty is 3 here) gives the same text.
        using var model = LlamaModel.Load(Path.Combine(models, "tiny.gguf"));
        using var engine = new LlamaEngine(model, new LlamaEngineOptions { ContextSize = 512, Parallel = 1, Threads = 1 });
        var plain = await engine.GenerateTextAsync("The paper shows", GenerationOptions.Greedy with { MaxTokens = 32 });
        Assert.Equal(plain.Text, first.Json.GetProperty("text").GetString());
        var penalised = await engine.GenerateTextAsync("The paper shows", GenerationOptions.Greedy with { MaxTokens = 32, RepeatPenalty = 3f });
        Assert.NotEqual(plain.Text, penalised.Text); // this model repeats itself, so the check above could tell the two apart
    }

    [Fact]
    public async Task Generate_without_a_model_says_how_to_get_one()
    {
        var result = await _bot.RunAsync("generate", "hello");

        Assert.True(result.ExitCode == ExitCodes.InputError, result.ToString());
        Assert.Contains("models/", result.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>ask and summarize end to end with the real engine on a tiny random-weight model (the text is noise; the path is real).</summary>
public sealed class ModelAnsweringTests : IDisposable
{
    private readonly PaperBotProcess _bot = new(""", "Llm": { "ContextSize": 2048, "Parallel": 2, "Threads": 1, "MaxAnswerTokens": 24 }""");

    public ModelAnsweringTests()
    {
        var models = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "models")).FullName;
        RandomModelFactory.Write(Path.Combine(models, "tiny.gguf"), RandomModelSpec.TinyLlama());
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Ask_runs_the_model_path_and_reports_its_mode_sources_and_timings()
    {
        var result = await _bot.RunAsync("ask", "How many multiple choice questions does SEED-Bench have?", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("model", result.Json.GetProperty("mode").GetString());
        Assert.True(result.Json.GetProperty("papers").GetArrayLength() > 0);
        Assert.True(result.Json.GetProperty("timings").GetProperty("generation_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Summarize_runs_map_and_reduce_with_the_model()
    {
        var result = await _bot.RunAsync("summarize", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("model", result.Json.GetProperty("mode").GetString());
        Assert.True(result.Json.GetProperty("paper_count").GetInt32() > 0);
    }
}
