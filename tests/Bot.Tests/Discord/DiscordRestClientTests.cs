using System.Diagnostics;
using System.Net;
using PaperBot.Bot.Discord;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord;

public sealed class DiscordRestClientTests
{
    private static readonly OutgoingMessage Hello = new() { Content = "hello @everyone <@123>" };

    [Fact]
    public async Task Every_message_call_parses_no_mentions_and_sends_the_required_headers()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        var rest = bot.Rest;
        var embed = new OutgoingMessage { Embeds = [new Embed { Title = "t", Description = "@everyone" }] };

        var created = await rest.CreateMessageAsync(300, Hello with { MessageReference = new MessageReference { MessageId = 9, FailIfNotExists = false } }, default);
        await rest.EditMessageAsync(300, created.Id, embed, default);
        var answered = bot.NewInteraction("tok");
        await rest.CreateInteractionResponseAsync(answered, "tok", InteractionCallbackType.ChannelMessageWithSource, Hello, default);
        await rest.CreateInteractionResponseAsync(bot.NewInteraction("tok2"), "tok2", InteractionCallbackType.DeferredChannelMessageWithSource, null, default);
        await rest.EditOriginalResponseAsync("tok2", Hello, default);
        await rest.CreateFollowupAsync("tok2", embed, default);
        await rest.TriggerTypingAsync(300, default);

        Assert.Empty(bot.Server.Rest.Violations);
        var create = Assert.Single(bot.Server.Rest.RequestsTo("message-create"));
        Assert.Equal("9", create.Json.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.False(create.Json.GetProperty("message_reference").GetProperty("fail_if_not_exists").GetBoolean());
        Assert.StartsWith("DiscordBot (", create.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("?wait=true", Assert.Single(bot.Server.Rest.RequestsTo("followup")).Query);
        Assert.Equal(4, Assert.Single(bot.Server.Rest.RequestsTo("interaction-callback"), r => r.Path.Contains($"/{answered}/", StringComparison.Ordinal)).Json.GetProperty("type").GetInt32());
        foreach (var request in bot.Server.Rest.Requests.Where(r => r.RouteName is "message-create" or "message-edit" or "original-edit" or "followup"))
        {
            Assert.Equal("{\"parse\":[]}", request.Json.GetProperty("allowed_mentions").GetRawText());
        }
    }

    [Fact]
    public async Task Commands_threads_and_reply_chains()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        ApplicationCommand[] commands =
        [
            new()
            {
                Name = "ask",
                Description = "Ask about papers",
                Options = [new() { Type = ApplicationCommandOptionType.String, Name = "question", Description = "The question", Required = true }],
            },
        ];
        Assert.Single(await bot.Rest.BulkOverwriteGlobalCommandsAsync(commands, default));
        Assert.Single(await bot.Rest.BulkOverwriteGuildCommandsAsync(400, commands, default));
        var put = bot.Server.Rest.RequestsTo("guild-commands")[0];
        Assert.Equal($"applications/{FakePayloads.ApplicationId}/guilds/400/commands", put.Path);
        Assert.Equal(3, put.Json[0].GetProperty("options")[0].GetProperty("type").GetInt32());

        var thread = await bot.Rest.StartThreadFromMessageAsync(300, 55, "About RLHF", 1440, default);
        Assert.Equal(55UL, thread.Id);
        Assert.Equal(1440, bot.Server.Rest.RequestsTo("thread-start")[0].Json.GetProperty("auto_archive_duration").GetInt32());

        bot.Server.Rest.AddMessage(300, 60, "first question", 500);
        bot.Server.Rest.AddMessage(300, 61, "follow-up", 500, repliesTo: 60);
        var reply = await bot.Rest.GetChannelMessageAsync(300, 61, default);
        Assert.Equal(60UL, reply.MessageReference!.MessageId);

        var missing = await Assert.ThrowsAsync<DiscordHttpException>(() => bot.Rest.GetChannelMessageAsync(300, 62, default));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(10008, missing.ErrorCode);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task A_bucket_429_is_waited_out_then_retried()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Rest.EnqueueFault("message-create", new RestFault.BucketRateLimited(TimeSpan.FromMilliseconds(300)));

        var watch = Stopwatch.StartNew();
        await bot.Rest.CreateMessageAsync(300, Hello, default);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"retried after {watch.Elapsed}");
        Assert.Equal([429, 200], bot.Server.Rest.RequestsTo("message-create").Select(r => r.Status));
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task A_global_429_pauses_other_routes_but_not_interaction_responses()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        await bot.Rest.TriggerTypingAsync(300, default);
        bot.Server.Rest.EnqueueFault("message-create", new RestFault.GlobalRateLimited(TimeSpan.FromMilliseconds(600)));

        var message = bot.Rest.CreateMessageAsync(300, Hello, default);

        // Requests already in flight when Discord answers 429 cannot know; the client pauses from the moment it learns.
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.Message.Contains("global rate limit", StringComparison.Ordinal)), what: "the 429");
        var typing = bot.Rest.TriggerTypingAsync(301, default);
        await bot.Rest.CreateInteractionResponseAsync(bot.NewInteraction("t"), "t", InteractionCallbackType.DeferredChannelMessageWithSource, null, default);
        await Task.WhenAll(message, typing);

        var limited = bot.Server.Rest.RequestsTo("message-create")[0];
        var pausedTyping = bot.Server.Rest.RequestsTo("typing")[1];
        var interaction = Assert.Single(bot.Server.Rest.RequestsTo("interaction-callback"));
        Assert.True(interaction.At < pausedTyping.At, "the interaction response was held by the global limit");
        Assert.True(pausedTyping.At - limited.At >= TimeSpan.FromMilliseconds(590), $"typing waited only {pausedTyping.At - limited.At}");
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        var posted = await bot.Rest.CreateMessageAsync(300, Hello, default);
        bot.Server.Rest.EnqueueFault("message-edit", new RestFault.Status(502));
        bot.Server.Rest.EnqueueFault("message-edit", new RestFault.Status(500));

        await bot.Rest.EditMessageAsync(300, posted.Id, Hello, default);

        Assert.Equal([502, 500, 200], bot.Server.Rest.RequestsTo("message-edit").Select(r => r.Status));
    }

    [Fact]
    public async Task Persistent_server_errors_end_in_an_exception()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        for (var i = 0; i < 10; i++)
        {
            bot.Server.Rest.EnqueueFault("typing", new RestFault.Status(503));
        }

        var error = await Assert.ThrowsAsync<DiscordHttpException>(() => bot.Rest.TriggerTypingAsync(300, default));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(DiscordHarness.FastRestTimings.MaxRetries + 1, bot.Server.Rest.RequestsTo("typing").Count);
    }

    [Fact]
    public async Task Timeouts_are_retried()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        var rest = ClientThatGivesUpAfter(TimeSpan.FromMilliseconds(200), bot.Options);
        bot.Server.Rest.EnqueueFault("typing", new RestFault.Delay(TimeSpan.FromSeconds(1)));

        await rest.TriggerTypingAsync(300, default);

        await Eventually.TrueAsync(() => bot.Server.Rest.RequestsTo("typing").Count == 2, what: "both attempts recorded");
    }

    [Fact]
    public async Task A_message_create_retried_after_a_lost_response_is_posted_once()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        var rest = ClientThatGivesUpAfter(TimeSpan.FromMilliseconds(200), bot.Options);

        // The first attempt is handled (the message posted) only after the client gave up on it and retried.
        bot.Server.Rest.EnqueueFault("message-create", new RestFault.Delay(TimeSpan.FromSeconds(1)));
        var posted = await rest.CreateMessageAsync(300, new OutgoingMessage { Content = "one answer" }, default);
        await Eventually.TrueAsync(() => bot.Server.Rest.RequestsTo("message-create").Count == 2, what: "both attempts handled");

        var attempts = bot.Server.Rest.RequestsTo("message-create");
        var nonce = attempts[0].Json.GetProperty("nonce").GetString();
        Assert.False(string.IsNullOrEmpty(nonce));
        Assert.InRange(nonce!.Length, 1, 25);
        Assert.All(attempts, a => Assert.Equal(nonce, a.Json.GetProperty("nonce").GetString()));
        Assert.All(attempts, a => Assert.True(a.Json.GetProperty("enforce_nonce").GetBoolean()));
        Assert.Equal([posted.Id], bot.Server.Rest.MessageIdsIn(300));
    }

    [Fact]
    public async Task An_unreachable_discord_is_a_DiscordHttpException()
    {
        var options = new DiscordOptions { Token = "t", ApplicationId = 1, ApiBaseUrl = "http://127.0.0.1:9/api/v10" };
        var rest = ClientThatGivesUpAfter(TimeSpan.FromSeconds(5), options, maxRetries: 1);

        var error = await Assert.ThrowsAsync<DiscordHttpException>(() => rest.TriggerTypingAsync(300, default));
        Assert.Equal((HttpStatusCode)0, error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Nothing_is_sent_into_an_exhausted_bucket()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Rest.SetBucketLimit("message-create", 2, TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await bot.Rest.CreateMessageAsync(300, Hello, default);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => bot.Rest.CreateMessageAsync(300, Hello, default)));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => bot.Rest.CreateMessageAsync(301, Hello, default)));

        Assert.Empty(bot.Server.Rest.Violations);
        Assert.All(bot.Server.Rest.RequestsTo("message-create"), r => Assert.Equal(200, r.Status));
        Assert.Equal(9, bot.Server.Rest.RequestsTo("message-create").Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(550), $"6 messages at 2 per 300 ms took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_rejected_token_stops_all_rest_calls_with_a_clear_error()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Rest.EnqueueFault("message-create", new RestFault.Status(401, 0));

        var error = await Assert.ThrowsAsync<DiscordFatalException>(() => bot.Rest.CreateMessageAsync(300, Hello, default));
        Assert.Contains("Discord:Token", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DiscordFatalException>(() => bot.Rest.TriggerTypingAsync(300, default));
        Assert.Single(bot.Server.Rest.Requests);
        Assert.Single(bot.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
    }

    [Fact]
    public async Task An_expired_interaction_token_is_an_ordinary_error()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        await bot.Rest.CreateInteractionResponseAsync(bot.NewInteraction("old"), "old", InteractionCallbackType.DeferredChannelMessageWithSource, null, default);
        bot.Server.Rest.Interactions.TokenLifetime = TimeSpan.Zero;

        var error = await Assert.ThrowsAsync<DiscordHttpException>(() => bot.Rest.EditOriginalResponseAsync("old", Hello, default));
        Assert.Equal(50027, error.ErrorCode);
        Assert.Single(bot.Server.Rest.RequestsTo("original-edit"));
        await bot.Rest.TriggerTypingAsync(300, default);
    }

    [Fact]
    public async Task Client_errors_name_the_route_and_discord_code_but_not_the_path()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Rest.EnqueueFault("followup", new RestFault.Status(403, 50013));

        var error = await Assert.ThrowsAsync<DiscordHttpException>(() => bot.Rest.CreateFollowupAsync("secret-interaction-token", Hello, default));
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("50013", error.Message, StringComparison.Ordinal);
        Assert.Contains("{interaction_token}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-interaction-token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.ToString().Contains("secret-interaction-token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2001, 0, 0)]
    [InlineData(0, 4097, 0)]
    [InlineData(0, 4000, 2001)]
    public async Task Messages_beyond_discord_limits_are_refused_before_sending(int content, int description, int secondDescription)
    {
        await using var bot = await DiscordHarness.CreateAsync();
        var message = new OutgoingMessage
        {
            Content = content > 0 ? new string('x', content) : null,
            Embeds = description > 0
                ? [new Embed { Description = new string('d', description) }, new Embed { Description = new string('e', secondDescription) }]
                : null,
        };

        await Assert.ThrowsAsync<ArgumentException>(() => bot.Rest.CreateMessageAsync(300, message, default));
        await Assert.ThrowsAsync<ArgumentException>(() => bot.Rest.EditOriginalResponseAsync("t", message, default));
        Assert.Empty(bot.Server.Rest.Requests);
    }

    [Fact]
    public async Task Messages_at_the_limits_are_sent()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        var message = new OutgoingMessage
        {
            Content = new string('x', 2000),
            Embeds = [new Embed { Description = new string('d', 4096) }, new Embed { Title = new string('t', 256), Description = new string('e', 1648) }],
        };

        await bot.Rest.CreateMessageAsync(300, message, default);
        await Assert.ThrowsAsync<ArgumentException>(() => bot.Rest.CreateMessageAsync(300, new OutgoingMessage(), default));
    }

    /// <summary>A client whose attempts time out after <paramref name="attemptTimeout"/>, retried quickly.</summary>
    private static DiscordRestClient ClientThatGivesUpAfter(TimeSpan attemptTimeout, DiscordOptions options, int maxRetries = 4) => new(
        new HttpClient(),
        Microsoft.Extensions.Options.Options.Create(options),
        new DiscordRestTimings { MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = attemptTimeout },
        TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<DiscordRestClient>.Instance);
}
