using System.Text.Json.Nodes;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Tests.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord.OpenApi;

/// <summary>
/// Checked against a source nobody on the team wrote: every request body the bot sends, every answer the fake
/// gives, and the objects inside the fake's dispatches validate against Discord's OpenAPI description.
/// </summary>
public sealed class OpenApiConformanceTests
{
    [Fact]
    public async Task Every_request_the_bot_sends_and_every_answer_the_fake_gives_follow_the_description()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:ReplyInThreads"] = "true" });

        var ask = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "How do diffusion models generate images?" }, userId: 501);
        var search = await bot.SlashAsync("search", new Dictionary<string, object> { ["query"] = "diffusion" }, userId: 502);
        var refused = await bot.SlashAsync("sync", userId: 503);
        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> What is flow matching?", authorId: 504);
        var privateAsk = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "What is flow matching?", ["private"] = true }, userId: 505);
        var help = await bot.SlashAsync("help", userId: 506);
        var dates = bot.NewId();
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.Autocomplete(dates, $"tok-{dates}", "papers", new Dictionary<string, object> { ["date"] = "20" }, "date"));
        var titles = bot.NewId();
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.Autocomplete(titles, $"tok-{titles}", "paper", new Dictionary<string, object> { ["id"] = "diffusion" }, "id"));
        await Eventually.TrueAsync(
            () => bot.FinalMessages(ask).Any(m => m.TryGetProperty("embeds", out var e) && e.GetArrayLength() > 0)
                && bot.ForToken("original-edit", search).Count > 0
                && bot.ForToken("interaction-callback", refused).Count > 0
                && bot.ForToken("original-edit", privateAsk).Count > 0
                && bot.ForToken("interaction-callback", help).Count > 0
                && bot.ForToken("interaction-callback", $"tok-{dates}").Count > 0
                && bot.ForToken("interaction-callback", $"tok-{titles}").Count > 0
                && bot.Server.Rest.RequestsTo("thread-start").Count > 0
                && bot.Server.Rest.Requests.Any(r => r.RouteName is "message-create" or "message-edit" && r.Body.Contains("\"embeds\":[{", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the answers");

        // The calls the scenario above does not make, straight through the bot's REST client.
        var rest = bot.Get<PaperBot.Bot.Discord.Protocol.Rest.DiscordRestClient>();
        var posted = await rest.CreateMessageAsync(BotHarness.ChannelId, new OutgoingMessage { Content = "hello" }, default);
        await rest.EditMessageAsync(BotHarness.ChannelId, posted.Id, new OutgoingMessage { Content = "hello again" }, default);
        await rest.GetChannelMessageAsync(BotHarness.ChannelId, posted.Id, default);
        var followupId = bot.NewId();
        bot.Server.Rest.Interactions.Add(followupId, "tok-direct");
        await rest.CreateInteractionResponseAsync(followupId, "tok-direct", InteractionCallbackType.DeferredChannelMessageWithSource, null, default);
        await rest.CreateFollowupAsync("tok-direct", new OutgoingMessage { Content = "more", Flags = MessageFlags.Ephemeral }, default);
        await rest.GetOriginalResponseAsync("tok-direct", default);
        await rest.GetChannelMessagesAsync(BotHarness.ChannelId, followupId, 50, default);
        await rest.DeleteOriginalResponseAsync("tok-direct", default);

        var problems = new List<string>();
        var seen = new HashSet<string>();
        foreach (var request in bot.Server.Rest.Requests)
        {
            seen.Add(request.RouteName);
            problems.AddRange(DiscordOpenApi.CheckRequest(request.RouteName, request.Body));
            if (request.Status is >= 200 and < 300)
            {
                problems.AddRange(DiscordOpenApi.CheckResponse(request.RouteName, request.Status, request.ResponseBody));
            }
        }

        Assert.Empty(problems);
        string[] expected =
        [
            "gateway-bot", "global-commands", "interaction-callback", "original-edit", "original-get", "original-delete", "followup",
            "message-create", "message-edit", "message-get", "message-list", "thread-start", "typing",
        ];
        Assert.Empty(expected.Except(seen));
    }

    [Fact]
    public void The_objects_inside_the_fakes_dispatches_follow_the_description()
    {
        var guildMessage = FakePayloads.Message(300, 10, 500, "hello", guildId: 400, repliesTo: 9, mentions: [FakePayloads.BotUserId], referenced: FakePayloads.Message(300, 9, FakePayloads.BotUserId, "earlier"));
        var directMessage = FakePayloads.Message(301, 11, 500, "hello");
        var guildCommand = FakePayloads.SlashCommand(12, "tok", "ask", new Dictionary<string, object> { ["question"] = "why?" });
        var directCommand = FakePayloads.SlashCommand(13, "tok2", "ask", guildId: null);
        var guild = FakePayloads.GuildCreate(400, [new FakeRole(400, FakePayloads.MemberPermissions), new FakeRole(401, FakePayloads.ManageGuild)],
            [new FakeChannel(300, [new FakeOverwrite(400, 0, FakePayloads.SendMessages), new FakeOverwrite(FakePayloads.BotUserId, FakePayloads.SendMessages, 0, IsMember: true)])], [401]);

        var problems = new List<string>();
        problems.AddRange(DiscordOpenApi.CheckComponent("MessageResponse", guildMessage));
        problems.AddRange(DiscordOpenApi.CheckComponent("MessageResponse", guildMessage["referenced_message"]));
        problems.AddRange(DiscordOpenApi.CheckComponent("MessageResponse", directMessage));
        problems.AddRange(DiscordOpenApi.CheckComponent("GuildMemberResponse", guildCommand["member"]));
        problems.AddRange(DiscordOpenApi.CheckComponent("GuildChannelResponse", guildCommand["channel"]));
        problems.AddRange(DiscordOpenApi.CheckComponent("UserResponse", directCommand["user"]));
        problems.AddRange(DiscordOpenApi.CheckComponent("PrivateChannelResponse", directCommand["channel"]));
        foreach (var role in guild["roles"]!.AsArray())
        {
            problems.AddRange(DiscordOpenApi.CheckComponent("GuildRoleResponse", role));
        }

        foreach (var overwrite in guild["channels"]![0]!["permission_overwrites"]!.AsArray())
        {
            problems.AddRange(DiscordOpenApi.CheckComponent("ChannelPermissionOverwriteResponse", overwrite));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_check_finds_what_discord_would_reject()
    {
        Assert.NotEmpty(DiscordOpenApi.CheckRequest("message-create", "{\"content\":\"hi\",\"allowed_mentions\":{\"parse\":[]},\"reply_to\":\"1\"}"));
        Assert.NotEmpty(DiscordOpenApi.CheckRequest("message-create", "{\"content\":\"" + new string('x', 4001) + "\"}"));
        Assert.NotEmpty(DiscordOpenApi.CheckComponent("UserResponse", new JsonObject { ["id"] = "1", ["username"] = "x" }));
        Assert.Empty(DiscordOpenApi.CheckRequest("message-create", "{\"content\":\"hi\",\"allowed_mentions\":{\"parse\":[]}}"));
    }
}
