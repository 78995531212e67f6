namespace PaperBot.Bot.Discord.Bot;

public sealed class RequestQueueOptions
{
    /// <summary>Waiting requests beyond which new ones are refused.</summary>
    public int Capacity { get; init; } = 32;

    /// <summary>Requests run at once: the engine's parallel sequences.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Minimum time between one user's accepted requests; admins skip it.</summary>
    public TimeSpan Cooldown { get; init; }

    public IReadOnlySet<ulong> AdminUserIds { get; init; } = new HashSet<ulong>();

    /// <summary>The service-time guess used until requests have been measured.</summary>
    public TimeSpan InitialServiceTime { get; init; } = TimeSpan.FromSeconds(15);

    public static RequestQueueOptions From(DiscordOptions discord, int workers) => new()
    {
        Capacity = discord.QueueCapacity,
        Workers = workers,
        Cooldown = TimeSpan.FromSeconds(discord.CooldownSeconds),
        AdminUserIds = discord.AdminUserIds.ToHashSet(),
    };
}
