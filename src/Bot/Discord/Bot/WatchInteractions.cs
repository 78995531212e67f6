using System.Globalization;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Rag;
using PaperBot.Rag.Index;
using PaperBot.Rag.Watches;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// <c>/watch add|list|show|remove|mute</c>, answered privately: a member's own watches (alerts by DM), and a
/// channel's (alerts in the channel), which only members with Manage Channels (or PaperBot's admins) add, remove
/// or mute. Autocomplete offers the invoker's watches and the channel's.
/// </summary>
public sealed class WatchInteractions(WatchStore watches, WatchLedger ledger, PaperLookup lookup, BotAccess access, TimeProvider time)
{
    public const string ChannelOnlyInServers = "A channel's watches live in a server channel; in DMs, `/watch add` watches for you.";
    public const string NeedsManageChannels = "Only members with Manage Channels can change this channel's watches.";

    // Discord shows at most 25 choices.
    private const int ChoiceLimit = 25;

    public Task HandleAsync(DiscordInteraction interaction, InteractionReply reply, CancellationToken cancellationToken) =>
        reply.RespondPrivatelyAsync(Run(interaction), cancellationToken);

    /// <summary>The watches the invoker may pick, matching what they typed (id or topic words).</summary>
    public IReadOnlyList<AutocompleteChoice> Suggest(DiscordInteraction interaction, string typed) =>
        [.. Visible(interaction)
            .Where(w => typed.Length == 0 || w.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || w.Topic.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .Take(ChoiceLimit)
            .Select(w => new AutocompleteChoice(Shorten($"{w.Id} · {w.Topic}"), w.Id))];

    private string Run(DiscordInteraction interaction)
    {
        var sub = interaction.Data!.Options.Count > 0 ? interaction.Data.Options[0] : null;
        var options = sub?.Options ?? [];
        try
        {
            return sub?.Name switch
            {
                "add" => Add(interaction, options),
                "list" => DiscordWatchText.List(Visible(interaction)),
                "show" => Find(interaction, options, change: false) is { } shown
                    ? DiscordWatchText.Show(shown, WatchTerms.Current(lookup, shown), ledger.DeliveredCount(shown.Id))
                    : NotFound(options),
                "remove" => Find(interaction, options, change: true) is { } removed
                    ? watches.Remove(removed.Id) ? $"Removed watch `{removed.Id}` ({removed.Topic})." : NotFound(options)
                    : NotFound(options),
                "mute" => Mute(interaction, options),
                _ => BotMessages.UnknownCommand,
            };
        }
        catch (UserInputException e)
        {
            return e.Message;
        }
        catch (ForbiddenWatchException e)
        {
            return e.Message;
        }
    }

    private string Add(DiscordInteraction interaction, IReadOnlyList<InteractionOption> options)
    {
        var inChannel = options.GetString("where") == "channel";
        if (inChannel && interaction.GuildId is null)
        {
            return ChannelOnlyInServers;
        }

        if (inChannel && !access.CanManageChannel(interaction))
        {
            return NeedsManageChannels;
        }

        var owner = inChannel ? WatchOwner.Channel(interaction.ChannelId!.Value, interaction.GuildId) : WatchOwner.User(interaction.Invoker!.Id);
        var watch = watches.Add(new WatchRequest(owner, options.GetString("topic") ?? "")
        {
            Must = Words(options.GetString("must")),
            Exclude = Words(options.GetString("exclude")),
            Authors = Words(options.GetString("authors")),
            Organizations = Words(options.GetString("orgs")),
        }, time.GetUtcNow());
        var where = inChannel ? "this channel" : "your DMs";
        return $"Watching `{watch.Id}`: {watch.Topic}. New papers on it come to {where} after each daily sync; react {DiscordWatchText.Like} or {DiscordWatchText.Dislike} on an alert to tune it.";
    }

    private string Mute(DiscordInteraction interaction, IReadOnlyList<InteractionOption> options)
    {
        if (Find(interaction, options, change: true) is not { } watch)
        {
            return NotFound(options);
        }

        var muted = options.GetBoolean("muted") ?? true;
        watches.SetMuted(watch.Id, muted);
        return muted ? $"Muted watch `{watch.Id}`; `/watch mute id:{watch.Id} muted:False` resumes it." : $"Resumed watch `{watch.Id}`.";
    }

    /// <summary>The invoker's own watches and the watches of the channel they are in.</summary>
    private List<Watch> Visible(DiscordInteraction interaction) =>
        [.. watches.List(WatchOwner.User(interaction.Invoker!.Id)),
            .. interaction.ChannelId is { } channel && interaction.GuildId is not null ? watches.List(WatchOwner.Channel(channel, interaction.GuildId)) : []];

    /// <summary>The watch by id when the invoker may see it (and, to <paramref name="change"/> it, manage it); null when it is none of theirs.</summary>
    private Watch? Find(DiscordInteraction interaction, IReadOnlyList<InteractionOption> options, bool change)
    {
        var watch = Visible(interaction).FirstOrDefault(w => string.Equals(w.Id, options.GetString("id")?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (watch is { Owner.Kind: WatchOwnerKind.Channel } && change && !access.CanManageChannel(interaction))
        {
            throw new ForbiddenWatchException(NeedsManageChannels);
        }

        return watch;
    }

    private static string NotFound(IReadOnlyList<InteractionOption> options) =>
        $"No watch `{options.GetString("id")}` of yours or this channel's; `/watch list` shows them.";

    private static string[] Words(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Shorten(string name) => name.Length <= 100 ? name : name[..99] + "…";

    /// <summary>The invoker may see the watch but not change it.</summary>
    private sealed class ForbiddenWatchException(string message) : PaperBotException(FailureKind.Input, message);
}
