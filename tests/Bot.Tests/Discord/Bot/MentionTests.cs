using PaperBot.Bot.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Chat;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord.Bot;

public sealed class MentionTests
{
    [Fact]
    public async Task A_mention_gets_a_reply_to_the_question_with_typing_shown()
    {
        var model = new ScriptedChatClient(_ => "Diffusion models denoise step by step [1].") { TokenDelay = TimeSpan.FromMilliseconds(100) };
        await using var bot = await BotHarness.StartAsync(model);

        var question = await bot.MessageAsync($"<@{FakePayloads.BotUserId}> How do diffusion models generate images?");
        var replies = await bot.Server.Rest.WaitForRequestsAsync("message-create", timeout: TimeSpan.FromSeconds(20));

        var reply = replies[0].Json;
        Assert.Equal(question.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.DoesNotContain("<@", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(bot.Server.Rest.RequestsTo("typing"));
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task A_day_written_in_a_mention_lists_that_days_matching_papers()
    {
        await using var bot = await BotHarness.StartAsync();

        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> which papers on agents came out on March 13, 2026?");
        var reply = (await bot.Server.Rest.WaitForRequestsAsync("message-create", timeout: TimeSpan.FromSeconds(20)))[0].Json;

        Assert.Contains("Papers on 2026-03-13 that match, best first:", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task A_dm_is_answered_and_a_dm_where_guilds_are_restricted_is_refused_politely()
    {
        await using var open = await BotHarness.StartAsync();
        await open.MessageAsync("What is flow matching?", channelId: 700, guildId: null, mention: false);
        var answer = (await open.Server.Rest.WaitForRequestsAsync("message-create", timeout: TimeSpan.FromSeconds(20)))[0].Json;
        Assert.NotEqual(BotMessages.NotAvailable, answer.GetProperty("content").GetString());

        await using var restricted = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:AllowedGuildIds:0"] = "400" });
        await restricted.MessageAsync("What is flow matching?", channelId: 700, guildId: null, mention: false);
        var refusal = (await restricted.Server.Rest.WaitForRequestsAsync("message-create"))[0].Json;
        Assert.Equal(BotMessages.NotAvailable, refusal.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Disallowed_channels_other_bots_and_unaddressed_messages_are_ignored()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:AllowedChannelIds:0"] = "301" });

        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> diffusion?", channelId: 300);
        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> diffusion?", channelId: 301, authorId: FakePayloads.BotUserId);
        await bot.MessageAsync("diffusion, anyone?", channelId: 301, mention: false);
        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> How do diffusion models generate images?", channelId: 301, authorId: 501);
        var replies = await bot.Server.Rest.WaitForRequestsAsync("message-create", timeout: TimeSpan.FromSeconds(20));
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(500));

        Assert.All(bot.Server.Rest.RequestsTo("message-create"), r => Assert.StartsWith("channels/301/", r.Path, StringComparison.Ordinal));
        Assert.Single(bot.Server.Rest.RequestsTo("message-create"), r => r.Json.TryGetProperty("message_reference", out _));
        Assert.NotEmpty(replies);
    }

    [Fact]
    public async Task A_reply_to_the_bots_answer_continues_the_conversation()
    {
        var model = new ScriptedChatClient(messages => ScriptedChatClient.Flatten(messages) is var prompt && prompt.Contains("Reward models score", StringComparison.Ordinal) && !prompt.Contains("[1]", StringComparison.Ordinal)
            ? "How do reward models compare with flow matching?"
            : "They are compared in the sources [1].");
        await using var bot = await BotHarness.StartAsync(model);
        bot.Server.Rest.AddMessage(BotHarness.ChannelId, 10, $"<@{FakePayloads.BotUserId}> What is flow matching?", 500);
        bot.Server.Rest.AddMessage(BotHarness.ChannelId, 11, "Flow matching trains a velocity field. Reward models score outputs.", FakePayloads.BotUserId, repliesTo: 10);

        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> and how does it compare?", repliesTo: 11);
        await Eventually.TrueAsync(() => model.PromptTexts.Count > 0, TimeSpan.FromSeconds(20), "the model to be asked");

        Assert.Single(bot.Server.Rest.RequestsTo("message-get"), r => r.Path.EndsWith("/11", StringComparison.Ordinal));
        Assert.Contains(model.PromptTexts, p => p.Contains("What is flow matching?", StringComparison.Ordinal) && p.Contains("Reward models score outputs.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_threads_on_the_answer_goes_into_a_thread_opened_on_the_question()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:ReplyInThreads"] = "true" });

        var question = await bot.MessageAsync($"<@{FakePayloads.BotUserId}> How do diffusion models generate images?");
        var posted = await bot.Server.Rest.WaitForRequestsAsync("message-create", timeout: TimeSpan.FromSeconds(20));

        var thread = Assert.Single(bot.Server.Rest.RequestsTo("thread-start"));
        Assert.Equal("How do diffusion models generate images?", thread.Json.GetProperty("name").GetString());
        Assert.StartsWith($"channels/{question}/messages", posted[0].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_in_the_bots_thread_continues_from_the_question_the_thread_was_opened_on()
    {
        var model = new ScriptedChatClient(messages => ScriptedChatClient.Flatten(messages).Contains("how is it trained", StringComparison.Ordinal)
            ? "By regressing the velocity field [1]."
            : "Flow matching trains a velocity field [1].");
        await using var bot = await BotHarness.StartAsync(model, new Dictionary<string, string?> { ["Discord:ReplyInThreads"] = "true" });
        const ulong QuestionId = 4242;
        var question = $"<@{FakePayloads.BotUserId}> What is flow matching?";
        bot.Server.Rest.AddMessage(BotHarness.ChannelId, QuestionId, question, 500);
        await bot.Server.Gateway.DispatchAsync("MESSAGE_CREATE", FakePayloads.Message(BotHarness.ChannelId, QuestionId, 500, question, BotHarness.GuildId, mentions: [FakePayloads.BotUserId]));
        await Eventually.TrueAsync(
            () => bot.Server.Rest.RequestsTo("message-create").Concat(bot.Server.Rest.RequestsTo("message-edit")).Any(r => r.Body.Contains("velocity field [1]", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the first answer, in the thread");
        var answerId = Assert.Single(bot.Server.Rest.MessageIdsIn(QuestionId));

        // The user replies to the answer inside the thread: no new thread, and the history reaches the opening question.
        await bot.Server.Gateway.DispatchAsync("MESSAGE_CREATE", FakePayloads.Message(
            QuestionId, 5000, 500, $"<@{FakePayloads.BotUserId}> and how is it trained?", BotHarness.GuildId, repliesTo: answerId, mentions: [FakePayloads.BotUserId]));
        // A follow-up may take two model calls (condensing it into a standalone question, then the answer): the
        // history must reach the model in one of them.
        await Eventually.TrueAsync(
            () => model.PromptTexts.Skip(1).Any(p => p.Contains("What is flow matching?", StringComparison.Ordinal) && p.Contains("Flow matching trains a velocity field", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the follow-up, with the thread's opening question and answer, to reach the model");
        Assert.Contains(bot.Server.Rest.RequestsTo("message-get"), r => r.Path == $"channels/{BotHarness.ChannelId}/messages/{QuestionId}");
        Assert.Single(bot.Server.Rest.RequestsTo("thread-start"));
        await Eventually.TrueAsync(() => bot.Server.Rest.RequestsTo("message-create").Any(r => r.Path == $"channels/{QuestionId}/messages" && r.Body.Contains("\"message_id\":\"5000\"", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the follow-up answer as a reply in the thread");
        Assert.Empty(bot.Server.Rest.Violations);
    }
}
