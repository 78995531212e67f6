using PaperBot.Bot.Discord.Protocol;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Chat;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>
/// Replies are never lost or doubled: callbacks and follow-ups are not blindly retried, a lost answer is checked
/// by a read, and expired interactions are left alone. Mentions and DMs only when enabled.
/// </summary>
public sealed class ReliableReplyTests
{
    private static readonly Dictionary<string, object> Question = new() { ["question"] = "How do diffusion models generate images?" };

    [Fact]
    public async Task Mentions_and_dms_are_answered_only_when_enabled()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Discord:EnableMentions"] = "false", ["Discord:EnableDirectMessages"] = "true",
        });

        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> What is flow matching?");
        await bot.MessageAsync("What is flow matching?", channelId: 700, guildId: null, mention: false);
        var replies = await bot.Server.Rest.WaitForRequestsAsync("message-create", timeout: TimeSpan.FromSeconds(20));
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(500));

        Assert.All(bot.Server.Rest.RequestsTo("message-create"), r => Assert.StartsWith("channels/700/", r.Path, StringComparison.Ordinal));
        Assert.NotEmpty(replies);
        var identify = Assert.Single(bot.Server.Gateway.FramesWithOp(2));
        Assert.Equal((int)(DiscordIntents.Guilds | DiscordIntents.DirectMessages | DiscordIntents.GuildMessageReactions | DiscordIntents.DirectMessageReactions), identify.Data.GetProperty("intents").GetInt32());
    }

    [Fact]
    public async Task A_message_without_content_is_ignored_quietly()
    {
        await using var bot = await BotHarness.StartAsync();
        var earlier = bot.NewId();
        bot.Server.Rest.AddMessage(BotHarness.ChannelId, earlier, "an earlier answer", FakePayloads.BotUserId);

        // A reply to the bot's answer that does not ping it: without the intent Discord sends it with empty content.
        await bot.Server.Gateway.DispatchAsync("MESSAGE_CREATE", FakePayloads.Message(
            BotHarness.ChannelId, bot.NewId(), 500, "", BotHarness.GuildId, repliesTo: earlier, referenced: bot.Server.Rest.StoredMessage(BotHarness.ChannelId, earlier)));
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.Message.Contains("no content", StringComparison.Ordinal)), what: "the ignore");
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(300));

        Assert.Empty(bot.Server.Rest.RequestsTo("message-create"));
        Assert.Empty(bot.Server.Rest.RequestsTo("typing"));
    }

    [Fact]
    public async Task A_lost_callback_answer_is_checked_not_resent()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Server.Rest.EnqueueFault("interaction-callback", new RestFault.LoseResponse());

        var token = await bot.SlashAsync("ask", Question);
        await AnsweredAsync(bot, token);

        Assert.Single(bot.ForToken("interaction-callback", token));
        Assert.Single(bot.ForToken("original-get", token));
        AssertClean(bot);
    }

    [Fact]
    public async Task A_callback_refused_with_a_5xx_is_sent_again_after_a_read_shows_none()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Server.Rest.EnqueueFault("interaction-callback", new RestFault.Status(502));

        var token = await bot.SlashAsync("ask", Question);
        await AnsweredAsync(bot, token);

        Assert.Equal([502, 204], bot.ForToken("interaction-callback", token).Select(r => r.Status));
        Assert.Equal([404], bot.ForToken("original-get", token).Select(r => r.Status));
        AssertClean(bot);
    }

    [Fact]
    public async Task A_second_acknowledgement_refused_with_40060_counts_as_done()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Server.Rest.EnqueueFault("interaction-callback", new RestFault.LoseResponse());
        // The read fails too, so the bot cannot tell and sends the callback again.
        bot.Server.Rest.EnqueueFault("original-get", new RestFault.Status(404, 10015));

        var token = await bot.SlashAsync("ask", Question);
        await AnsweredAsync(bot, token);

        Assert.Equal([0, 40060], bot.ForToken("interaction-callback", token).Select(r => r.ErrorCode ?? 0));
        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains("already acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_interaction_past_its_3_seconds_is_logged_and_left_alone()
    {
        await using var bot = await BotHarness.StartAsync();
        var id = Snowflake.FromTime(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5));

        var token = await bot.SlashAsync("ask", Question, interactionId: id);
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.Message.Contains("expired", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), "the expiry");
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(1000));

        Assert.Equal([10062], bot.ForToken("interaction-callback", token).Select(r => r.ErrorCode ?? 0));
        Assert.Empty(bot.ForToken("original-edit", token));
        Assert.Empty(bot.ForToken("followup", token));
        Assert.Empty(bot.ForToken("original-get", token));
    }

    [Fact]
    public async Task A_thread_start_whose_answer_was_lost_is_recognised_not_doubled()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:ReplyInThreads"] = "true" });
        bot.Server.Rest.EnqueueFault("thread-start", new RestFault.LoseResponse());

        var question = await bot.MessageAsync($"<@{FakePayloads.BotUserId}> What is flow matching?");
        await Eventually.TrueAsync(() => bot.Server.Rest.MessageIdsIn(question).Count > 0, TimeSpan.FromSeconds(20), "the answer in the thread");

        // The second attempt met Discord's "a thread has already been created for this message": the first one worked.
        Assert.Equal([0, 160004], bot.Server.Rest.RequestsTo("thread-start").Select(r => r.ErrorCode ?? 0));
        Assert.Empty(bot.Server.Rest.MessageIdsIn(BotHarness.ChannelId));
        AssertClean(bot);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_follow_up_is_sent_again_only_when_a_read_shows_it_absent(bool lost)
    {
        // Numbered sentences, so a lost or doubled message shows as a missing or repeated number.
        var longAnswer = string.Concat(Enumerable.Range(1, 60).Select(i => $"Sentence {i:D3}: diffusion models learn to reverse a noising process, as the source says [1]. "));
        await using var bot = await BotHarness.StartAsync(new ScriptedChatClient(_ => longAnswer));
        bot.Server.Rest.EnqueueFault("followup", lost ? new RestFault.LoseResponse() : new RestFault.Status(500));

        var token = await bot.SlashAsync("ask", Question);
        await Eventually.TrueAsync(
            () => bot.Server.Rest.Interactions.ByToken(token)?.Followups.Any(f => f.ToJsonString().Contains("\"embeds\":[{", StringComparison.Ordinal)) == true,
            TimeSpan.FromSeconds(30),
            "the last follow-up");
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(300));

        var interaction = bot.Server.Rest.Interactions.ByToken(token)!;
        var shown = interaction.Original!["content"]!.GetValue<string>() + string.Concat(interaction.Followups.Select(f => f["content"]!.GetValue<string>()));
        Assert.All(Enumerable.Range(1, 60), i => Assert.Single(System.Text.RegularExpressions.Regex.Matches(shown, $"Sentence {i:D3}:")));
        Assert.Single(bot.Server.Rest.RequestsTo("message-list"));
        Assert.Equal(lost ? interaction.Followups.Count : interaction.Followups.Count + 1, bot.ForToken("followup", token).Count);
        AssertClean(bot);
    }

    private static Task AnsweredAsync(BotHarness bot, string token) =>
        Eventually.TrueAsync(
            () => bot.FinalMessages(token).Any(m => m.TryGetProperty("embeds", out var e) && e.GetArrayLength() > 0), TimeSpan.FromSeconds(20), "the answer");

    private static void AssertClean(BotHarness bot)
    {
        Assert.Empty(bot.Server.Rest.Violations);
        Assert.Empty(bot.Server.Rest.InvalidRequests);
    }
}
