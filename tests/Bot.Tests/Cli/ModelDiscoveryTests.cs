using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Which model is used, told truthfully: a .gguf under models/ that cannot be used (Llm:ModelPath auto) gets the
/// notice a configured one gets, and a model configured outside models/ is listed and named by `models`.
/// </summary>
public sealed class ModelDiscoveryTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("empty")]
    [InlineData("text")]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task An_unusable_gguf_under_models_gets_the_notice_a_configured_one_gets(string kind)
    {
        var models = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "models")).FullName;
        var path = Path.Combine(models, "x.gguf");
        File.WriteAllText(path, kind == "empty" ? "" : "this is a note, not a model\n");

        var json = await _bot.RunAsync("ask", "what is new in scaling laws?", "--json");
        var text = await _bot.RunAsync("ask", "what is new in scaling laws?");
        var listing = await _bot.RunAsync("models");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("extractive", json.Json.GetProperty("mode").GetString());
        var notice = Assert.Single(json.Json.GetProperty("notices").EnumerateArray()).GetString()!;
        Assert.StartsWith($"No model answers: the model file {path} cannot be used: ", notice, StringComparison.Ordinal);
        Assert.EndsWith("(found under models/) (Llm:ModelPath); answers are extractive, quoted from the abstracts.", notice, StringComparison.Ordinal);
        Assert.Contains(notice, text.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(text);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Contains(Squashed($"Chat model: none, answers are extractive (the model file {path} cannot be used: "), Squashed(listing.Stdout), StringComparison.Ordinal);
        Assert.DoesNotContain("no chat *.gguf", listing.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usable_model_beside_an_unusable_one_answers_without_a_notice()
    {
        var models = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "models")).FullName;
        File.WriteAllText(Path.Combine(models, "a-broken.gguf"), "");
        RandomModelFactory.Write(Path.Combine(models, "tiny.gguf"), RandomModelSpec.TinyLlama());

        var listing = await _bot.RunAsync("models", "--json");

        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Equal(Path.Combine(models, "tiny.gguf"), listing.Json.GetProperty("chat_model").GetString());
        Assert.Equal("found under models/", listing.Json.GetProperty("chat_model_reason").GetString());
    }

    [Fact]
    public async Task A_model_configured_outside_models_is_listed_and_named_as_the_chat_model()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "elsewhere")).FullName;
        var path = Path.Combine(elsewhere, "x.gguf");
        RandomModelFactory.Write(path, RandomModelSpec.TinyLlama());
        _bot.Environment["PAPERBOT_Llm__ModelPath"] = path;

        var text = await _bot.RunAsync("models");
        var json = await _bot.RunAsync("models", "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.DoesNotContain("No GGUF files", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("extractive", text.Stdout, StringComparison.Ordinal);
        Assert.Contains(Squashed($"Chat model: {path} (Llm:ModelPath)"), Squashed(text.Stdout), StringComparison.Ordinal);
        var row = Assert.Single(json.Json.GetProperty("models").EnumerateArray());
        Assert.Equal(path, row.GetProperty("file").GetString());
        Assert.Equal("chat", row.GetProperty("use").GetString());
        Assert.Equal("llama", row.GetProperty("architecture").GetString());
    }

    /// <summary>The text without white space: a table or line wrapped to the terminal's width reads the same.</summary>
    private static string Squashed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
