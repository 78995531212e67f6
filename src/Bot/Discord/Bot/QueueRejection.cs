namespace PaperBot.Bot.Discord.Bot;

public enum QueueRejection
{
    None,

    /// <summary>The user's previous request is still waiting or running.</summary>
    AlreadyQueued,

    /// <summary>The user asked again within the cooldown.</summary>
    CoolingDown,

    /// <summary>The queue holds Discord:QueueCapacity requests already.</summary>
    Full,
}
