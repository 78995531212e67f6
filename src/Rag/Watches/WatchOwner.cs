namespace PaperBot.Rag.Watches;

/// <summary>Who a watch belongs to, and so where its alerts go: a Discord user (by DM), a Discord channel, or the local user (the CLI and the chat).</summary>
public enum WatchOwnerKind
{
    Local,
    User,
    Channel,
}

/// <summary>A watch's owner: its kind and, for Discord, the user's or channel's id (and the channel's server).</summary>
public sealed record WatchOwner(WatchOwnerKind Kind, string Id, string? GuildId = null)
{
    /// <summary>The person at this machine's keyboard.</summary>
    public static WatchOwner Local { get; } = new(WatchOwnerKind.Local, "");

    public static WatchOwner User(ulong userId) => new(WatchOwnerKind.User, userId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static WatchOwner Channel(ulong channelId, ulong? guildId) => new(
        WatchOwnerKind.Channel, channelId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        guildId?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The owner's name in the index (the <c>owner_kind</c> column).</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();

    public static WatchOwnerKind ParseKind(string name) => Enum.Parse<WatchOwnerKind>(name, ignoreCase: true);
}
