using Microsoft.Extensions.Time.Testing;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord;

/// <summary>The shape of an end-to-end bot test: inject an event, let a consumer answer over REST, read what was sent.</summary>
public sealed class FakeDiscordRoundTripTests
{
    [Fact]
    public async Task An_injected_slash_command_is_deferred_then_answered()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Gateway.AuthenticationDelay = TimeSpan.FromMilliseconds(200);
        using var stop = new CancellationTokenSource();
        var run = bot.Gateway.RunAsync(stop.Token);
        var handler = Task.Run(async () =>
        {
            await foreach (var dispatch in bot.Gateway.Dispatches.ReadAllAsync())
            {
                if (dispatch.EventName != GatewayEvents.InteractionCreate)
                {
                    continue;
                }

                var interaction = dispatch.As<DiscordInteraction>()!;
                await bot.Rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionCallbackType.DeferredChannelMessageWithSource, null, default);
                var question = interaction.Data!.Options.GetString("question");
                await bot.Rest.EditOriginalResponseAsync(interaction.Token, new OutgoingMessage { Content = $"You asked: {question} @everyone" }, default);
            }
        });

        await bot.Server.Gateway.WaitForSessionAsync(0);
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.SlashCommand(
            Snowflake.FromTime(DateTimeOffset.UtcNow), "tok-1", "ask", new Dictionary<string, object> { ["question"] = "what is LoRA?" }));
        var edits = await bot.Server.Rest.WaitForRequestsAsync("original-edit");

        Assert.Equal(5, bot.Server.Rest.RequestsTo("interaction-callback")[0].Json.GetProperty("type").GetInt32());
        Assert.Equal("You asked: what is LoRA? @everyone", edits[0].Json.GetProperty("content").GetString());
        Assert.Empty(bot.Server.Rest.Violations);
        Assert.Empty(bot.Server.Gateway.Violations);
        Assert.Single(bot.Server.Gateway.Connections);
        await stop.CancelAsync();
        await run;
        await handler;
    }

    [Fact]
    public async Task The_typing_indicator_triggers_at_once_survives_errors_and_stops_when_disposed()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Rest.EnqueueFault("typing", new RestFault.Status(403, 50013));

        var time = new FakeTimeProvider();
        var typing = TypingIndicator.Start(bot.Rest, 300, time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await bot.Server.Rest.WaitForRequestsAsync("typing");
        // Disposing waits for the indicator's loop to end, so no request can follow it, however much time passes.
        await typing.DisposeAsync();
        var count = bot.Server.Rest.RequestsTo("typing").Count;
        time.Advance(TypingIndicator.RepeatInterval * 3);

        Assert.Equal(count, bot.Server.Rest.RequestsTo("typing").Count);
        Assert.Equal(403, bot.Server.Rest.RequestsTo("typing")[0].Status);
    }
}
