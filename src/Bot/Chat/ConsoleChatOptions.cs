using System.ComponentModel.DataAnnotations;

namespace PaperBot.Bot.Chat;

/// <summary>The console chat (configuration section "Console").</summary>
public sealed class ConsoleChatOptions
{
    public const string Section = "Console";

    /// <summary>A quiet line after each answer: tokens per second and time to first token (also `/stats on|off`).</summary>
    public bool ShowStats { get; set; } = true;

    /// <summary>Earlier exchanges a follow-up question is read against; older ones are forgotten.</summary>
    [Range(0, 50)]
    public int MaxTurns { get; set; } = 6;
}
