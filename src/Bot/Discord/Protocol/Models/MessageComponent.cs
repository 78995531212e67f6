namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>
/// A message component the bot sends: an action row (type 1) holding up to five buttons (type 2). A button with a
/// custom_id sends a MESSAGE_COMPONENT interaction carrying that id when clicked.
/// </summary>
public sealed record MessageComponent
{
    public const int ActionRowType = 1;
    public const int ButtonType = 2;

    /// <summary>Discord's limit of buttons in one action row.</summary>
    public const int MaxButtonsPerRow = 5;

    /// <summary>Discord's limit of a custom_id's length.</summary>
    public const int MaxCustomIdLength = 100;

    /// <summary>The grey button style, for an action that is not the message's main one.</summary>
    public const int SecondaryStyle = 2;

    public int Type { get; init; }

    public int? Style { get; init; }

    public string? Label { get; init; }

    public string? CustomId { get; init; }

    public IReadOnlyList<MessageComponent>? Components { get; init; }

    public static MessageComponent Row(IReadOnlyList<MessageComponent> buttons) => new() { Type = ActionRowType, Components = buttons };

    public static MessageComponent Button(string label, string customId) => new() { Type = ButtonType, Style = SecondaryStyle, Label = label, CustomId = customId };
}
