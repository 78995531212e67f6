using System.Globalization;

namespace PaperBot.Bot.Discord.Protocol;

/// <summary>Discord's permission bits that the bot checks, and parsing of the decimal strings Discord sends them as.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1028", Justification = "Discord's permission set is a 64-bit field.")]
public enum Permissions : ulong
{
    None = 0,
    Administrator = 1UL << 3,
    ManageChannels = 1UL << 4,
    ManageGuild = 1UL << 5,
    ViewChannel = 1UL << 10,
    SendMessages = 1UL << 11,
    EmbedLinks = 1UL << 14,
    ReadMessageHistory = 1UL << 16,
    CreatePublicThreads = 1UL << 35,
    SendMessagesInThreads = 1UL << 38,
}

public static class PermissionsText
{
    /// <summary>Parses Discord's decimal permission string; null when absent or malformed.</summary>
    public static Permissions? Parse(string? text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? (Permissions)bits : null;

    /// <summary>Whether <paramref name="granted"/> holds every bit of <paramref name="needed"/>; Administrator holds them all.</summary>
    public static bool Allows(this Permissions granted, Permissions needed) =>
        (granted & Permissions.Administrator) != 0 || (granted & needed) == needed;
}
