using System.Globalization;
using System.Text.Json.Nodes;

namespace PaperBot.TestSupport.Discord;

/// <summary>
/// Discord-shaped JSON objects for dispatches and REST answers, with the fields Discord always sends (from its
/// OpenAPI description and gateway documentation). As Discord does, an absent field is left out, never null;
/// fields Discord types as nullable but always sends (a user's avatar) are sent as null.
/// </summary>
public static class FakePayloads
{
    public const ulong BotUserId = 100;
    public const ulong ApplicationId = 200;

    /// <summary>Permission bits (Discord's "Permissions" bit set) the fake and the tests use.</summary>
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageChannels = 1UL << 4;
    public const ulong ManageGuild = 1UL << 5;
    public const ulong ViewChannel = 1UL << 10;
    public const ulong SendMessages = 1UL << 11;
    public const ulong EmbedLinks = 1UL << 14;
    public const ulong ReadMessageHistory = 1UL << 16;
    public const ulong UseApplicationCommands = 1UL << 31;
    public const ulong CreatePublicThreads = 1UL << 35;
    public const ulong SendMessagesInThreads = 1UL << 38;

    /// <summary>What a plain member (and the bot, unless a test says otherwise) may do in a channel.</summary>
    public const ulong MemberPermissions = ViewChannel | SendMessages | EmbedLinks | ReadMessageHistory | UseApplicationCommands
        | CreatePublicThreads | SendMessagesInThreads;

    /// <summary>Discord's default upload limit, sent on every interaction.</summary>
    public const int AttachmentSizeLimit = 10 * 1024 * 1024;

    private const string Timestamp = "2026-01-01T00:00:00.000000+00:00";

    /// <summary>A user object; every user has a discriminator ("0" for migrated usernames, four digits for bots).</summary>
    public static JsonObject User(ulong id, string name = "someone", bool bot = false)
    {
        var user = new JsonObject
        {
            ["id"] = Id(id),
            ["username"] = name,
            ["avatar"] = null,
            ["discriminator"] = bot ? "4821" : "0",
            ["public_flags"] = 0,
            ["flags"] = 0,
            ["global_name"] = bot ? null : name,
            ["primary_guild"] = null,
        };
        if (bot)
        {
            // Discord sends "bot" only for bot users.
            user["bot"] = true;
        }

        return user;
    }

    /// <summary>
    /// A message as MESSAGE_CREATE carries it (guild_id and member only in guilds) or as REST returns it (no guild
    /// fields). <paramref name="referenced"/> is the replied-to message Discord embeds in a reply.
    /// </summary>
    public static JsonObject Message(
        ulong channelId,
        ulong messageId,
        ulong authorId,
        string content,
        ulong? guildId = null,
        ulong? repliesTo = null,
        IEnumerable<ulong>? mentions = null,
        JsonObject? referenced = null)
    {
        var isBot = authorId == BotUserId;
        var message = new JsonObject
        {
            ["type"] = repliesTo is null ? 0 : 19,
            ["content"] = content,
            ["mentions"] = new JsonArray((mentions ?? []).Select(m => (JsonNode)User(m, m == BotUserId ? "paperbot" : "someone", m == BotUserId)).ToArray()),
            ["mention_roles"] = new JsonArray(),
            ["attachments"] = new JsonArray(),
            ["embeds"] = new JsonArray(),
            ["timestamp"] = Timestamp,
            ["edited_timestamp"] = null,
            ["flags"] = 0,
            ["components"] = new JsonArray(),
            ["id"] = Id(messageId),
            ["channel_id"] = Id(channelId),
            ["author"] = User(authorId, isBot ? "paperbot" : "someone", isBot),
            ["pinned"] = false,
            ["mention_everyone"] = false,
            ["tts"] = false,
        };
        if (guildId is { } guild)
        {
            message["guild_id"] = Id(guild);
            message["member"] = new JsonObject { ["roles"] = new JsonArray(), ["joined_at"] = Timestamp, ["deaf"] = false, ["mute"] = false, ["flags"] = 0 };
        }

        if (repliesTo is { } parent)
        {
            var reference = new JsonObject { ["type"] = 0, ["message_id"] = Id(parent), ["channel_id"] = Id(channelId) };
            if (guildId is { } g)
            {
                reference["guild_id"] = Id(g);
            }

            message["message_reference"] = reference;
            if (referenced is not null)
            {
                message["referenced_message"] = referenced.DeepClone();
            }
        }

        return message;
    }

    /// <summary>A CHAT_INPUT command in a guild (or a DM when <paramref name="guildId"/> is null); <paramref name="options"/> maps option names to values.</summary>
    public static JsonObject SlashCommand(
        ulong interactionId,
        string token,
        string name,
        IReadOnlyDictionary<string, object>? options = null,
        ulong channelId = 300,
        ulong? guildId = 400,
        ulong userId = 500,
        ulong memberPermissions = MemberPermissions,
        ulong appPermissions = MemberPermissions) =>
        Interaction(2, interactionId, token, name, options, focused: null, channelId, guildId, userId, memberPermissions, appPermissions);

    /// <summary>A CHAT_INPUT command with a subcommand (<c>/watch add topic:…</c>): the subcommand holds the options.</summary>
    public static JsonObject SubCommand(
        ulong interactionId, string token, string name, string subcommand, IReadOnlyDictionary<string, object>? options = null,
        ulong channelId = 300, ulong? guildId = 400, ulong userId = 500, ulong memberPermissions = MemberPermissions, string? focused = null)
    {
        var interaction = Interaction(focused is null ? 2 : 4, interactionId, token, name, options, focused, channelId, guildId, userId, memberPermissions, MemberPermissions);
        var data = interaction["data"]!.AsObject();
        var nested = data["options"]!.DeepClone();
        data["options"] = new JsonArray(new JsonObject { ["name"] = subcommand, ["type"] = 1, ["options"] = nested });
        return interaction;
    }

    /// <summary>MESSAGE_REACTION_ADD: <paramref name="userId"/> reacted with a Unicode <paramref name="emoji"/> (a DM's reaction has no guild).</summary>
    public static JsonObject ReactionAdd(ulong userId, ulong channelId, ulong messageId, string emoji, ulong? guildId = null, ulong messageAuthorId = BotUserId)
    {
        var reaction = new JsonObject
        {
            ["user_id"] = Id(userId),
            ["channel_id"] = Id(channelId),
            ["message_id"] = Id(messageId),
            ["emoji"] = new JsonObject { ["id"] = null, ["name"] = emoji },
            ["burst"] = false,
            ["type"] = 0,
            ["message_author_id"] = Id(messageAuthorId),
        };
        if (guildId is { } guild)
        {
            reaction["guild_id"] = Id(guild);
            reaction["member"] = new JsonObject { ["user"] = User(userId), ["roles"] = new JsonArray(), ["joined_at"] = "2025-01-01T00:00:00.000000+00:00", ["deaf"] = false, ["mute"] = false, ["flags"] = 0 };
        }

        return reaction;
    }

    /// <summary>An APPLICATION_COMMAND_AUTOCOMPLETE interaction: the user is typing <paramref name="focused"/>.</summary>
    public static JsonObject Autocomplete(
        ulong interactionId, string token, string name, IReadOnlyDictionary<string, object> options, string focused, ulong channelId = 300, ulong? guildId = 400) =>
        Interaction(4, interactionId, token, name, options, focused, channelId, guildId, 500, MemberPermissions, MemberPermissions);

    /// <summary>
    /// A MESSAGE_COMPONENT interaction: the user clicked the button <paramref name="customId"/> under <paramref name="message"/>
    /// (the message as Discord returned it to the bot, components included).
    /// </summary>
    public static JsonObject ButtonClick(ulong interactionId, string token, string customId, JsonObject message, ulong channelId = 300, ulong? guildId = 400, ulong userId = 500)
    {
        var interaction = Interaction(3, interactionId, token, "", null, focused: null, channelId, guildId, userId, MemberPermissions, MemberPermissions);
        interaction["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 };
        interaction["message"] = message.DeepClone();
        return interaction;
    }

    /// <summary>GUILD_CREATE: the guild's roles (the @everyone role has the guild's id), its channels with their overwrites, and the bot's member.</summary>
    public static JsonObject GuildCreate(ulong guildId, IEnumerable<FakeRole> roles, IEnumerable<FakeChannel> channels, IEnumerable<ulong> botRoleIds, ulong ownerId = 1)
    {
        var bot = new JsonObject
        {
            ["user"] = User(BotUserId, "paperbot", bot: true),
            ["roles"] = new JsonArray(botRoleIds.Select(r => (JsonNode)Id(r)).ToArray()),
            ["joined_at"] = Timestamp,
            ["deaf"] = false,
            ["mute"] = false,
            ["flags"] = 0,
        };
        return new JsonObject
        {
            ["id"] = Id(guildId),
            ["name"] = "Papers",
            ["icon"] = null,
            ["owner_id"] = Id(ownerId),
            ["unavailable"] = false,
            ["large"] = false,
            ["member_count"] = 2,
            ["joined_at"] = Timestamp,
            ["roles"] = new JsonArray(roles.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = Id(r.Id),
                ["name"] = r.Id == guildId ? "@everyone" : $"role-{r.Id}",
                ["permissions"] = Id(r.Permissions),
                ["position"] = r.Id == guildId ? 0 : 1,
                ["color"] = 0,
                ["colors"] = new JsonObject { ["primary_color"] = 0, ["secondary_color"] = null, ["tertiary_color"] = null },
                ["icon"] = null,
                ["unicode_emoji"] = null,
                ["hoist"] = false,
                ["managed"] = false,
                ["mentionable"] = false,
                ["flags"] = 0,
            }).ToArray()),
            ["channels"] = new JsonArray(channels.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = Id(c.Id),
                ["type"] = 0,
                ["name"] = $"channel-{c.Id}",
                ["position"] = 0,
                ["permission_overwrites"] = new JsonArray(c.Overwrites.Select(o => (JsonNode)new JsonObject
                {
                    ["id"] = Id(o.Id),
                    ["type"] = o.IsMember ? 1 : 0,
                    ["allow"] = Id(o.Allow),
                    ["deny"] = Id(o.Deny),
                }).ToArray()),
            }).ToArray()),
            ["members"] = new JsonArray(bot),
            ["threads"] = new JsonArray(),
        };
    }

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Interaction(
        int type,
        ulong interactionId,
        string token,
        string name,
        IReadOnlyDictionary<string, object>? options,
        string? focused,
        ulong channelId,
        ulong? guildId,
        ulong userId,
        ulong memberPermissions,
        ulong appPermissions)
    {
        var data = new JsonObject
        {
            ["id"] = Id(interactionId + 1),
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray((options ?? new Dictionary<string, object>()).Select(o =>
            {
                var option = new JsonObject
                {
                    ["name"] = o.Key,
                    ["type"] = o.Value switch { bool => 5, int or long => 4, double => 10, _ => 3 },
                    ["value"] = JsonValue.Create(o.Value),
                };
                if (o.Key == focused)
                {
                    option["focused"] = true;
                }

                return (JsonNode)option;
            }).ToArray()),
        };
        if (guildId is { } guild)
        {
            data["guild_id"] = Id(guild);
        }

        var interaction = new JsonObject
        {
            ["id"] = Id(interactionId),
            ["application_id"] = Id(ApplicationId),
            ["type"] = type,
            ["data"] = data,
            ["channel_id"] = Id(channelId),
            ["token"] = token,
            ["version"] = 1,
            ["app_permissions"] = Id(appPermissions),
            ["locale"] = "en-US",
            ["entitlements"] = new JsonArray(),
            ["attachment_size_limit"] = AttachmentSizeLimit,
        };
        if (guildId is { } g)
        {
            interaction["guild_id"] = Id(g);
            interaction["guild_locale"] = "en-US";
            interaction["guild"] = new JsonObject { ["id"] = Id(g), ["locale"] = "en-US", ["features"] = new JsonArray() };
            interaction["member"] = new JsonObject
            {
                ["user"] = User(userId),
                ["roles"] = new JsonArray(),
                ["permissions"] = Id(memberPermissions),
                ["joined_at"] = Timestamp,
                ["nick"] = null,
                ["avatar"] = null,
                ["banner"] = null,
                ["premium_since"] = null,
                ["communication_disabled_until"] = null,
                ["deaf"] = false,
                ["mute"] = false,
                ["flags"] = 0,
                ["pending"] = false,
            };
            interaction["channel"] = new JsonObject
            {
                ["id"] = Id(channelId),
                ["type"] = 0,
                ["guild_id"] = Id(g),
                ["name"] = $"channel-{channelId}",
                ["position"] = 0,
                ["flags"] = 0,
                ["nsfw"] = false,
                ["permissions"] = Id(memberPermissions),
            };
            // Installed to the guild (GUILD_INSTALL 0), invoked in a guild channel (context GUILD 0).
            interaction["authorizing_integration_owners"] = new JsonObject { ["0"] = Id(g) };
            interaction["context"] = 0;
        }
        else
        {
            interaction["user"] = User(userId);
            interaction["channel"] = new JsonObject
            {
                ["id"] = Id(channelId),
                ["type"] = 1,
                ["flags"] = 0,
                ["last_message_id"] = null,
                ["recipients"] = new JsonArray(User(userId)),
            };
            // A DM with the bot: the guild install still authorizes it (key 0 is "0" outside guilds), context BOT_DM 1.
            interaction["authorizing_integration_owners"] = new JsonObject { ["0"] = "0" };
            interaction["context"] = 1;
        }

        return interaction;
    }
}

/// <summary>A guild role for <see cref="FakePayloads.GuildCreate"/>; the @everyone role's id is the guild's.</summary>
public sealed record FakeRole(ulong Id, ulong Permissions);

/// <summary>A text channel for <see cref="FakePayloads.GuildCreate"/> with its permission overwrites.</summary>
public sealed record FakeChannel(ulong Id, IReadOnlyList<FakeOverwrite> Overwrites);

/// <summary>A permission overwrite on a channel, for a role or (<paramref name="IsMember"/>) a member.</summary>
public sealed record FakeOverwrite(ulong Id, ulong Allow, ulong Deny, bool IsMember = false);
