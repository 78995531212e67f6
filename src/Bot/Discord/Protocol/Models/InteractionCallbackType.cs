namespace PaperBot.Bot.Discord.Protocol.Models;

public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,

    /// <summary>Shows "thinking…"; answer later by editing the original response.</summary>
    DeferredChannelMessageWithSource = 5,

    /// <summary>Suggestions for the option the user is typing (autocomplete interactions only).</summary>
    ApplicationCommandAutocompleteResult = 8,
}
