using PaperBot.Bot.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.Rag.Llm.Local.Gguf;
using PaperBot.TestSupport;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>
/// A configured GGUF file that llama.cpp refuses to load (here an architecture it does not know): found only when the
/// first answer loads it. The bot answers every question extractively instead of a failure reply, and its log says
/// why once.
/// </summary>
public sealed class RefusedModelTests
{
    [Fact]
    public async Task Questions_and_digests_are_answered_extractively_and_the_log_says_why_once()
    {
        var models = TestPaths.NewScratchFolder("alien-");
        var path = Path.Combine(models, "alien.gguf");
        new GgufWriter()
            .Set("general.architecture", "alien-transformer")
            .Set("alien-transformer.block_count", 1u)
            .AddTensor("token_embd.weight", GgmlType.F32, [8, 8], _ => { })
            .Write(path);
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Llm:ModelPath"] = path });

        // Different users: the queue takes one request per user at a time.
        var first = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "How do diffusion models generate images?" }, userId: 501);
        var second = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "Which papers study few-shot class-incremental learning?" }, userId: 502);
        var digest = await bot.SlashAsync("summarize", new Dictionary<string, object> { ["date"] = "2026-03-10" }, userId: 503);
        foreach (var token in new[] { first, second })
        {
            await Eventually.TrueAsync(() => bot.FinalMessages(token).Any(m => m.TryGetProperty("embeds", out var e) && e.GetArrayLength() > 0), TimeSpan.FromSeconds(60), () => "an answer with sources; posted: " + string.Join(" | ", bot.FinalMessages(token)));
        }

        await Eventually.TrueAsync(() => bot.FinalMessages(digest).Count > 0, TimeSpan.FromSeconds(60), "the digest");
        var posted = new[] { first, second, digest }.SelectMany(bot.FinalMessages).Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.DoesNotContain(BotMessages.Failed, posted);
        Assert.Equal(1, bot.Logs.All.Split("No model answers: Cannot load model").Length - 1);
        Assert.Contains("architecture 'alien-transformer' is not supported", bot.Logs.All, StringComparison.Ordinal);
        Assert.Empty(bot.Server.Rest.Violations);
        Directory.Delete(models, recursive: true);
    }
}
