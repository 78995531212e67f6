using System.Globalization;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// <c>/config show|digest|schedule</c>: a server's digest channels and the local time and time zone of its daily sync
/// and digest, kept in the index and read by <see cref="ServerScheduleService"/> each minute, so a change applies
/// without a restart. Manage Server only (the command's default permissions, checked again here), answered privately.
/// </summary>
public sealed class ConfigInteractions(ServerSettingsStore settings, BotAccess access, IOptions<PapersOptions> papers, IOptions<DiscordOptions> discord)
{
    public const string ManageServerOnly = "Only members with Manage Server can change PaperBot's settings for this server.";
    public const string ServersOnly = "Settings belong to a server: run /config in one of its channels.";

    public Task HandleAsync(DiscordInteraction interaction, InteractionReply reply, CancellationToken cancellationToken) =>
        reply.RespondPrivatelyAsync(Run(interaction), cancellationToken);

    private string Run(DiscordInteraction interaction)
    {
        if (interaction.GuildId is not { } guild)
        {
            return ServersOnly;
        }

        if (!access.IsAdmin(interaction))
        {
            return ManageServerOnly;
        }

        var sub = interaction.Data!.Options.Count > 0 ? interaction.Data.Options[0] : null;
        var options = sub?.Options ?? [];
        var current = settings.Get(guild.ToString(CultureInfo.InvariantCulture));
        switch (sub?.Name)
        {
            case "show":
                return Describe(current);
            case "digest":
                var channel = options.GetString("channel") ?? "";
                var remove = options.GetBoolean("remove") == true;
                var channels = remove ? current.DigestChannels.Where(c => c != channel).ToList() : current.DigestChannels.Append(channel).Distinct(StringComparer.Ordinal).ToList();
                settings.Save(current with { DigestChannels = channels });
                return (remove ? $"The daily digest is no longer posted in <#{channel}>.\n" : $"The daily digest is now posted in <#{channel}>.\n") + Describe(settings.Get(current.ServerId));
            case "schedule":
                var text = options.GetString("time")?.Trim() ?? "";
                if (!TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                {
                    return $"`{text}` is not a time: give HH:MM in 24-hour form, e.g. 07:30.";
                }

                var zone = options.GetString("timezone")?.Trim() is { Length: > 0 } named ? named : "UTC";
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                {
                    return $"`{zone}` is not a time zone this machine knows: give an IANA name, e.g. Europe/Paris or America/New_York.";
                }

                // A new time may already be past today: the day then counts as not run yet, and runs at the next check.
                settings.Save(current with { DigestTime = time, TimeZone = zone, LastRunDay = null });
                return "Schedule saved.\n" + Describe(settings.Get(current.ServerId));
            default:
                return BotMessages.UnknownCommand;
        }
    }

    private string Describe(ServerSettings server)
    {
        var channels = server.DigestChannels.Count > 0
            ? string.Join(", ", server.DigestChannels.Select(c => $"<#{c}>"))
            : discord.Value.DigestChannelId is { } global ? $"<#{global}> (the default, Discord:DigestChannelId)" : "none";
        var schedule = server.DigestTime is { } time
            ? string.Create(CultureInfo.InvariantCulture, $"{time:HH:mm} {server.TimeZone ?? "UTC"}")
            : papers.Value.SyncHourUtc is { } hour ? string.Create(CultureInfo.InvariantCulture, $"{hour:00}:00 UTC (the default, Papers:SyncHourUtc)") : "none (no daily sync)";
        return $"Digest channels: {channels}\nDaily sync and digest: {schedule}";
    }
}
