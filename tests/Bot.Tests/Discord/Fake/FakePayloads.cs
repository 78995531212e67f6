using System.Globalization;

namespace PaperBot.Bot.Tests.Discord.Fake;

/// <summary>Discord-shaped JSON objects (snowflakes as strings) for dispatches and REST answers.</summary>
public static class FakePayloads
{
    public const ulong BotUserId = 100;
    public const ulong ApplicationId = 200;

    public static object User(ulong id, string name = "someone", bool bot = false) =>
        new { id = Id(id), username = name, global_name = name, bot };

    public static object Message(
        ulong channelId, ulong messageId, ulong authorId, string content, ulong? guildId = null, ulong? repliesTo = null, IEnumerable<ulong>? mentions = null) =>
        new
        {
            id = Id(messageId),
            channel_id = Id(channelId),
            guild_id = guildId is { } g ? Id(g) : null,
            author = User(authorId, authorId == BotUserId ? "paperbot" : "someone", authorId == BotUserId),
            content,
            mentions = (mentions ?? []).Select(m => User(m)).ToArray(),
            message_reference = repliesTo is { } r ? new { message_id = Id(r), channel_id = Id(channelId) } : null,
            embeds = Array.Empty<object>(),
            timestamp = "2026-01-01T00:00:00.000000+00:00",
        };

    /// <summary>A CHAT_INPUT command in a guild; <paramref name="options"/> maps option names to values.</summary>
    public static object SlashCommand(
        ulong interactionId, string token, string name, IReadOnlyDictionary<string, object>? options = null, ulong channelId = 300, ulong guildId = 400, ulong userId = 500) =>
        new
        {
            id = Id(interactionId),
            application_id = Id(ApplicationId),
            type = 2,
            token,
            version = 1,
            guild_id = Id(guildId),
            channel_id = Id(channelId),
            member = new { user = User(userId) },
            data = new
            {
                id = Id(interactionId + 1),
                name,
                type = 1,
                options = (options ?? new Dictionary<string, object>()).Select(o => new
                {
                    name = o.Key,
                    type = o.Value switch { bool => 5, int or long => 4, double => 10, _ => 3 },
                    value = o.Value,
                }).ToArray(),
            },
        };

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
