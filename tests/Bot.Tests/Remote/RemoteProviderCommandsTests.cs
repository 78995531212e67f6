using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Bot.Cli;
using PaperBot.Bot.Tests.Cli;
using PaperBot.Bot.Tests.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.Rag.Llm.Remote;
using PaperBot.TestSupport.Models;
using PaperBot.TestSupport.Remote;

namespace PaperBot.Bot.Tests.Remote;

/// <summary>
/// ask, chat, models, summarize, generate and the Discord bot with Llm:Provider openai, against two real
/// llama-server instances on 127.0.0.1 (one requires an API key) serving a tiny random-weight model.
/// </summary>
[Trait(LlamaTools.Trait, LlamaTools.TraitValue)]
[Collection("llama-servers")]
public sealed class RemoteProviderCommandsTests : IAsyncLifetime
{
    private const string ApiKey = "sk-bot-test-5b0e-never-printed";
    private const string Question = "How many multiple choice questions does SEED-Bench have?";
    private readonly TempFolder _models = new();
    private LlamaServerProcess? _plain;
    private LlamaServerProcess? _keyed;

    private LlamaServerProcess Plain => _plain!;

    private LlamaServerProcess Keyed => _keyed!;

    public async Task InitializeAsync()
    {
        var model = _models.File("tiny.gguf");
        RandomModelFactory.Write(model, RandomModelSpec.TinyLlama());
        _plain = await LlamaServerProcess.StartAsync(model);
        _keyed = await LlamaServerProcess.StartAsync(model, apiKey: ApiKey);
    }

    public Task DisposeAsync()
    {
        _plain?.Dispose();
        _keyed?.Dispose();
        _models.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Ask_answers_in_model_mode_through_the_servers_and_logs_no_key()
    {
        using var bot = Bot();

        var result = await bot.RunAsync("ask", Question, "--json");
        var streamed = await bot.RunAsync("ask", Question);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("model", result.Json.GetProperty("mode").GetString());
        Assert.True(result.Json.GetProperty("complete").GetBoolean(), result.ToString());
        Assert.True(streamed.ExitCode == ExitCodes.Success, streamed.ToString());
        Assert.DoesNotContain(ApiKey, result.Stdout + result.Stderr + streamed.Stdout + streamed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_shows_each_server_with_its_model_and_health()
    {
        using var bot = Bot();
        Plain.Kill();

        var result = await bot.RunAsync("models", "--json");
        var table = await bot.RunAsync("models");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("openai", result.Json.GetProperty("chat_provider").GetString());
        var servers = result.Json.GetProperty("chat_servers").EnumerateArray().ToList();
        Assert.Equal([Plain.Url, Keyed.Url], servers.Select(s => s.GetProperty("url").GetString()));
        Assert.Equal(["down", "healthy"], servers.Select(s => s.GetProperty("health").GetString()));
        Assert.All(servers, s => Assert.Equal("tiny", s.GetProperty("model").GetString()));
        Assert.Contains("Chat model: the model servers", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, result.Stdout + table.Stdout + table.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_answers_piped_questions_through_the_servers_and_model_lists_them()
    {
        using var bot = Bot();

        var result = await bot.RunWithInputAsync($"{Question}\nand who made it?\n/model\n", "chat");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("model servers (2,", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"server: {Plain.Url} model tiny, healthy", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"server: {Keyed.Url} model tiny, healthy", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_spreads_the_map_step_and_generate_streams_from_the_servers()
    {
        using var bot = Bot();

        var digest = await bot.RunAsync("summarize", "--json");
        var generated = await bot.RunAsync("generate", "The paper shows", "--max-tokens", "8", "--json");

        Assert.True(digest.ExitCode == ExitCodes.Success, digest.ToString());
        Assert.Equal("model", digest.Json.GetProperty("mode").GetString());
        Assert.True(generated.ExitCode == ExitCodes.Success, generated.ToString());
        Assert.True(generated.Json.GetProperty("completion_tokens").GetInt32() is > 0 and <= 8, generated.ToString());
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task With_both_servers_down_ask_and_summarize_fall_back_and_generate_says_why()
    {
        using var bot = Bot();
        Plain.Kill();
        Keyed.Kill();

        var ask = await bot.RunAsync("ask", Question, "--json");
        var digest = await bot.RunAsync("summarize", "--json");
        var generated = await bot.RunAsync("generate", "The paper shows");

        Assert.True(ask.ExitCode == ExitCodes.Success, ask.ToString());
        Assert.Equal("extractive", ask.Json.GetProperty("mode").GetString());
        Assert.Contains("No model could answer", ask.Stdout, StringComparison.Ordinal);
        Assert.True(digest.ExitCode == ExitCodes.Success, digest.ToString());
        Assert.Contains("No model could write the digest", digest.Stdout, StringComparison.Ordinal);
        Assert.True(generated.ExitCode == ExitCodes.RuntimeFailure, generated.ToString());
        Assert.Contains("all 2 model servers are unreachable", generated.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", generated.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_discord_bot_answers_through_the_servers()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPaperBotLlm(configuration);
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatClient>();
        await using var bot = await BotHarness.StartAsync(chat, Settings());

        var token = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "How do diffusion models generate images?" });
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", token).Count > 0
            && bot.FinalMessages(token)[^1].TryGetProperty("embeds", out var e) && e.GetArrayLength() > 0, TimeSpan.FromSeconds(60),
            () => "the answer; seen: " + string.Join(" | ", bot.FinalMessages(token).Select(m => m.GetRawText())) + "\n" + string.Join("\n", bot.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Message + l.Exception)));

        Assert.False(string.IsNullOrWhiteSpace(bot.FinalMessages(token)[0].GetProperty("content").GetString()));
        var pool = provider.GetRequiredKeyedService<EndpointPool>(RemoteServiceCollectionExtensions.ChatPoolKey);
        Assert.Equal(1, pool.Status().Sum(s => s.Served));
        Assert.DoesNotContain(bot.Logs.Lines, l => (l.Message + l.Exception).Contains(ApiKey, StringComparison.Ordinal));
        Assert.Empty(bot.Server.Rest.Violations);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Llm:ModelPath"] = "",
        ["Llm:Provider"] = "openai",
        ["Llm:MaxAnswerTokens"] = "24",
        // The servers' slots hold 2048 tokens; the bot's harness packs with the estimate, sized by this.
        ["Llm:ContextSize"] = "2048",
        ["Llm:Endpoints:0:Url"] = Plain.Url,
        ["Llm:Endpoints:0:Model"] = "tiny",
        ["Llm:Endpoints:1:Url"] = Keyed.Url,
        ["Llm:Endpoints:1:Model"] = "tiny",
        ["Llm:Endpoints:1:ApiKey"] = ApiKey,
    };

    /// <summary>The executable configured for the two servers; logs at Debug so a leaked key would show.</summary>
    private PaperBotProcess Bot()
    {
        var endpoints = JsonSerializer.Serialize(new object[]
        {
            new { Url = Plain.Url, Model = "tiny", Parallel = 2 },
            new { Url = Keyed.Url, Model = "tiny", Parallel = 2, ApiKey },
        });
        return new PaperBotProcess(string.Create(CultureInfo.InvariantCulture,
            $$""", "Logging": { "LogLevel": { "Default": "Debug", "PaperBot": "Debug" } }, "Llm": { "ModelPath": "", "Provider": "openai", "MaxAnswerTokens": 24, "RequestTimeoutSeconds": 20, "Endpoints": {{endpoints}} }"""));
    }
}
