using System.Globalization;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Rag;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Answering.Related;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Answers slash commands. Each is acknowledged at once (deferred, or refused privately) before any slow work;
/// answering and digests go through the queue, index look-ups run right after the deferral. Whatever goes
/// wrong is logged and told to the user in one sentence.
/// </summary>
public sealed class InteractionHandler(
    Protocol.Rest.DiscordRestClient rest,
    BotAccess access,
    AnswerScheduler scheduler,
    AnswerPresenter presenter,
    BotAnswers answers,
    PaperStore store,
    PaperSync sync,
    WatchInteractions watches,
    ConfigInteractions config,
    WatchAlertSender alerts,
    RelatedPapers related,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    /// <summary>Generation stops this long after the interaction's creation, leaving a minute of the token's 15 to say so.</summary>
    public static readonly TimeSpan AnswerDeadline = TimeSpan.FromMinutes(14);

    private const int SearchResults = 10;

    public async Task HandleAsync(DiscordInteraction interaction, CancellationToken stopping)
    {
        if (interaction is { Type: InteractionType.Autocomplete, Data: not null })
        {
            await SuggestAsync(interaction, stopping);
            return;
        }

        var isButton = interaction.Type == InteractionType.MessageComponent && RelatedButtons.PaperId(interaction.Data?.CustomId) is not null;
        if ((interaction.Type != InteractionType.ApplicationCommand && !isButton) || interaction.Data is null || interaction.Invoker is null)
        {
            DiscordBotLog.Ignored(logger, "INTERACTION_CREATE", $"type {interaction.Type} without a command, a known button or a user");
            return;
        }

        var reply = new InteractionReply(rest, interaction, time, logger);
        try
        {
            await (isButton
                ? ClickedAsync(interaction, RelatedButtons.PaperId(interaction.Data.CustomId)!, reply, stopping)
                : RouteAsync(interaction, interaction.Invoker.Id, reply, stopping));
        }
        catch (InteractionExpiredException)
        {
            // Logged where it expired; the user saw Discord's own "did not respond".
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            DiscordBotLog.HandlerFailed(logger, isButton ? $"button {interaction.Data.CustomId}" : $"/{interaction.Data.Name}", e);
            await TellFailureAsync(reply, e is UserInputException ? e.Message : BotMessages.Failed);
        }
    }

    /// <summary>
    /// A "Related papers" button: acknowledged at once as a command is (deferred), then answered with a new message only
    /// the clicker sees; the message the button is under stays as it was for everyone else.
    /// </summary>
    private async Task ClickedAsync(DiscordInteraction interaction, string paperId, InteractionReply reply, CancellationToken stopping)
    {
        DiscordBotLog.CommandReceived(logger, "related (button)", interaction.Invoker!.Id, interaction.ChannelId);
        if (!access.Allows(interaction.GuildId, interaction.ChannelId))
        {
            await reply.RespondPrivatelyAsync(BotMessages.NotAvailable, stopping);
            return;
        }

        await DeferAsync(interaction, reply, stopping, privately: true);
        await presenter.ShowFinalAsync(reply, await RelatedTextAsync(paperId, stopping), null, stopping);
    }

    private async Task<string> RelatedTextAsync(string id, CancellationToken cancellationToken) =>
        store.Get(id) is null ? $"No paper with id `{id}` in the index." : DiscordPaperText.Related(await related.FindAsync(id, cancellationToken: cancellationToken));

    private async Task RouteAsync(DiscordInteraction interaction, ulong userId, InteractionReply reply, CancellationToken stopping)
    {
        var name = interaction.Data!.Name;
        var options = interaction.Data.Options;
        var privately = options.GetBoolean(SlashCommandCatalog.PrivateOption) == true;
        DiscordBotLog.CommandReceived(logger, name, userId, interaction.ChannelId);
        if (!access.Allows(interaction.GuildId, interaction.ChannelId))
        {
            // Only the invoker sees this; staying silent would leave them with Discord's "did not respond".
            await reply.RespondPrivatelyAsync(BotMessages.NotAvailable, stopping);
            return;
        }

        switch (name)
        {
            case SlashCommandCatalog.Ask:
                var question = options.GetString("question")?.Trim();
                if (string.IsNullOrEmpty(question))
                {
                    await reply.RespondPrivatelyAsync(BotMessages.EmptyQuestion, stopping);
                    return;
                }

                DiscordBotLog.Question(logger, userId, question);
                var day = Day(options.GetString("date"));
                var request = new AnswerRequest(question) { From = day, To = day };
                await QueueAsync(interaction, userId, reply, ct => presenter.PresentAsync(reply, t => answers.StreamAsync(request, t), Deadline(interaction), ct), privately, stopping);
                return;
            case SlashCommandCatalog.Summarize:
                var digestRequest = DigestRequestFor(Day(options.GetString("date")), options.GetString("period"));
                await QueueAsync(interaction, userId, reply, ct => SummarizeAsync(reply, digestRequest, ct), privately, stopping);
                return;
            case SlashCommandCatalog.Help:
                await reply.RespondPrivatelyAsync(BotMessages.Help, stopping);
                return;
            case SlashCommandCatalog.Search:
                var query = options.GetString("query")?.Trim() ?? "";
                await DeferThenShowAsync(interaction, reply, () => DiscordPaperText.SearchResults(query, store.Search(new SearchRequest(query, SearchResults)), QuestionSpelling.Correct(query, store).Suggestion), stopping);
                return;
            case SlashCommandCatalog.Paper:
                var id = options.GetString("id")?.Trim() ?? "";
                await DeferThenShowAsync(interaction, reply, () => store.Get(id) is { } paper ? DiscordPaperText.Details(paper) : $"No paper with id `{id}` in the index.", stopping);
                return;
            case SlashCommandCatalog.Related:
                var relatedId = options.GetString("id")?.Trim() ?? "";
                await DeferAsync(interaction, reply, stopping);
                await presenter.ShowFinalAsync(reply, await RelatedTextAsync(relatedId, stopping), null, stopping);
                return;
            case SlashCommandCatalog.Papers:
                var listDay = Day(options.GetString("date"));
                await DeferThenShowAsync(interaction, reply, () => DayListing.Of(store, listDay) is { } listing ? DiscordPaperText.Papers(listing) : "The index has no dated papers yet.", stopping);
                return;
            case SlashCommandCatalog.Trending:
                var days = options.GetString("period") == "month" ? TrendingPapers.MonthDays : TrendingPapers.WeekDays;
                await DeferThenShowAsync(interaction, reply, () => store.LatestDay() is { } latest
                    ? DiscordPaperText.Trending(TrendingPapers.Of(store, latest.AddDays(1 - days), latest)!)
                    : "The index has no dated papers yet.", stopping);
                return;
            case SlashCommandCatalog.Watch:
                await watches.HandleAsync(interaction, reply, stopping);
                return;
            case SlashCommandCatalog.Config:
                await config.HandleAsync(interaction, reply, stopping);
                return;
            case SlashCommandCatalog.Sync when !access.IsAdmin(interaction):
                await reply.RespondPrivatelyAsync(BotMessages.AdminOnly, stopping);
                return;
            case SlashCommandCatalog.Sync:
                var syncDay = Day(options.GetString("date")) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                await DeferAsync(interaction, reply, stopping);
                var synced = await sync.SyncAsync(DailyPapersPeriod.Day(syncDay), stopping);
                await presenter.ShowFinalAsync(reply, string.Create(CultureInfo.InvariantCulture,
                    $"Synced {synced.Period.Value}: {Plural.Of(synced.Fetched, "paper")} fetched, {synced.Added} new, {synced.Updated} updated."), null, stopping);
                if (synced.Added > 0)
                {
                    await alerts.DecideAndSendAsync([syncDay], stopping);
                }

                return;
            default:
                await reply.RespondPrivatelyAsync(BotMessages.UnknownCommand, stopping);
                return;
        }
    }

    /// <summary>Queues model work: a refusal (cooldown, already answering, full) is private; an accepted request is deferred at once.</summary>
    private async Task QueueAsync(
        DiscordInteraction interaction, ulong userId, InteractionReply reply, Func<CancellationToken, Task> work, bool privately, CancellationToken stopping)
    {
        // An interaction that expired before its deferral has nowhere to show an answer: skip the work.
        var admission = scheduler.Schedule(userId, reply, ct => reply.Expired ? Task.CompletedTask : work(ct));
        if (!admission.Accepted)
        {
            await reply.RespondPrivatelyAsync(admission.Message, stopping);
            return;
        }

        await DeferAsync(interaction, reply, stopping, privately);
    }

    private async Task DeferThenShowAsync(DiscordInteraction interaction, InteractionReply reply, Func<string> text, CancellationToken stopping)
    {
        await DeferAsync(interaction, reply, stopping);
        await presenter.ShowFinalAsync(reply, text(), null, stopping);
    }

    private async Task DeferAsync(DiscordInteraction interaction, InteractionReply reply, CancellationToken stopping, bool privately = false)
    {
        var age = time.GetUtcNow() - Snowflake.CreatedAt(interaction.Id);
        if (age > TimeSpan.FromSeconds(3))
        {
            DiscordBotLog.LateDeferral(logger, interaction.Id, age);
        }

        await reply.DeferAsync(stopping, privately);
    }

    /// <summary>Autocomplete: days that have papers (newest first) for a date, titles matching the words typed for a paper id, the invoker's and the channel's watches for a watch id.</summary>
    private async Task SuggestAsync(DiscordInteraction interaction, CancellationToken stopping)
    {
        // A subcommand's options are nested under it (/watch show id:…).
        var focused = interaction.Data!.Options.Concat(interaction.Data.Options.SelectMany(o => o.Options)).FirstOrDefault(o => o.Focused);
        var typed = focused?.Value is { ValueKind: System.Text.Json.JsonValueKind.String } value ? value.GetString()?.Trim() ?? "" : "";
        IReadOnlyList<AutocompleteChoice> choices = focused?.Name switch
        {
            "date" => DaySuggestions(typed),
            "id" when interaction.Data.Name == SlashCommandCatalog.Watch => [.. watches.Suggest(interaction, typed)],
            "id" => PaperSuggestions(typed),
            _ => [],
        };
        try
        {
            await rest.CreateAutocompleteResponseAsync(interaction.Id, interaction.Token, choices, stopping);
        }
        catch (Protocol.Rest.DiscordHttpException e)
        {
            // The user typed on; Discord already asked again for the newer text.
            DiscordBotLog.HandlerFailed(logger, "autocomplete", e);
        }
    }

    private List<AutocompleteChoice> DaySuggestions(string typed)
    {
        if (store.LatestDay() is not { } latest)
        {
            return [];
        }

        return store.NearestDays(latest.AddDays(1), 100)
            .Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Where(d => d.StartsWith(typed, StringComparison.Ordinal))
            .Take(AutocompleteLimit)
            .Select(d => new AutocompleteChoice(d, d))
            .ToList();
    }

    private List<AutocompleteChoice> PaperSuggestions(string typed)
    {
        if (typed.Length == 0)
        {
            return [];
        }

        if (store.Get(typed) is { } exact)
        {
            return [new AutocompleteChoice(ChoiceName(exact.Id, exact.Title), exact.Id)];
        }

        return store.Search(new SearchRequest(typed, AutocompleteLimit))
            .Select(h => new AutocompleteChoice(ChoiceName(h.Paper.Id, h.Paper.Title), h.Paper.Id))
            .ToList();
    }

    // Discord shows at most 25 choices, each name 1-100 characters.
    private const int AutocompleteLimit = 25;

    private static string ChoiceName(string id, string title)
    {
        var name = $"{id} · {title}";
        return name.Length <= 100 ? name : name[..99] + "…";
    }

    /// <summary>The digest <c>/summarize</c> asks for: the day, or the week or month the day (default: the latest day) falls in.</summary>
    private DigestRequest DigestRequestFor(DateOnly? day, string? period)
    {
        if (period is not ("week" or "month"))
        {
            return new DigestRequest(day);
        }

        var anchor = day ?? store.LatestDay() ?? throw new UserInputException("The index has no dated papers yet.");
        return new DigestRequest(day) { Period = period == "week" ? DigestPeriod.WeekOf(anchor) : DigestPeriod.MonthOf(anchor) };
    }

    private async Task SummarizeAsync(InteractionReply reply, DigestRequest request, CancellationToken cancellationToken)
    {
        var result = await answers.SummarizeAsync(request, cancellationToken);
        var text = result.Complete ? result.Text : BotMessages.Failed;
        var buttons = result.Complete ? RelatedButtons.For(result.Citations.Select(c => (c.Number, c.Id))) : null;
        await presenter.ShowFinalAsync(reply, text, null, cancellationToken, buttons);
    }

    private async Task TellFailureAsync(InteractionReply reply, string text)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
            await reply.FailAsync(text, timeout.Token);
        }
        catch (Exception e)
        {
            // The user may not hear about it (token expired, Discord down); the log has the first failure already.
            DiscordBotLog.StatusEditFailed(logger, e);
        }
    }

    private static DateOnly? Day(string? text) => string.IsNullOrWhiteSpace(text) ? null : DayParser.Parse(text, "date");

    private static DateTimeOffset Deadline(DiscordInteraction interaction) => Snowflake.CreatedAt(interaction.Id) + AnswerDeadline;
}
