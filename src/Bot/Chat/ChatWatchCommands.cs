using System.Globalization;
using PaperBot.Rag;
using PaperBot.Rag.Index;
using PaperBot.Rag.Watches;

namespace PaperBot.Bot.Chat;

/// <summary>
/// The chat's <c>/watch</c>: the local user's watches, as <c>paperbot watch</c> manages them. In a topic, a word
/// written <c>+word</c> must be in every match and <c>-word</c> in none.
/// </summary>
public sealed class ChatWatchCommands(ChatWatchCommands.Services services, ChatView view, TimeProvider time)
{
    public const string Usage = "usage: /watch [add TOPIC [+must] [-exclude] | show ID | check ID [DATE] | mute ID | unmute ID | remove ID]";

    /// <summary>The watch services the chat resolves once.</summary>
    public sealed record Services(WatchStore Store, WatchRun Run, WatchLedger Ledger, PaperLookup Lookup, PaperStore Papers);

    public async Task RunAsync(string argument, DateOnly? sessionDay, CancellationToken cancellationToken)
    {
        var words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var verb = words.Length == 0 ? "list" : words[0].ToLowerInvariant();
        var rest = words.Skip(1).ToList();
        switch (verb)
        {
            case "list":
                List();
                break;
            case "add" when rest.Count > 0:
                Add(rest);
                break;
            case "show" when rest.Count == 1:
                Show(Find(rest[0]));
                break;
            case "check" when rest.Count is 1 or 2:
                await CheckAsync(Find(rest[0]), rest.Count == 2 ? DayParser.Parse(rest[1]) : sessionDay, cancellationToken);
                break;
            case "mute" or "unmute" when rest.Count == 1:
                var watch = Find(rest[0]);
                services.Store.SetMuted(watch.Id, verb == "mute");
                view.Info(verb == "mute" ? $"Muted watch {watch.Id}." : $"Resumed watch {watch.Id}.");
                break;
            case "remove" when rest.Count == 1:
                var removed = Find(rest[0]);
                services.Store.Remove(removed.Id);
                view.Info($"Removed watch {removed.Id}: {removed.Topic}");
                break;
            default:
                throw new UserInputException(Usage);
        }
    }

    private void List()
    {
        var watches = services.Store.List(WatchOwner.Local);
        if (watches.Count == 0)
        {
            view.Info("No watches yet: /watch add TOPIC");
            return;
        }

        foreach (var watch in watches)
        {
            var rules = WatchText.Rules(watch) is { Length: > 0 } r ? $" [{r}]" : "";
            view.Text($"{watch.Id}  {watch.Topic}{rules}{(watch.Muted ? " (muted)" : "")}");
        }
    }

    private void Add(List<string> words)
    {
        var must = words.Where(w => w.Length > 1 && w[0] == '+').Select(w => w[1..]).ToList();
        var exclude = words.Where(w => w.Length > 1 && w[0] == '-').Select(w => w[1..]).ToList();
        var topic = string.Join(' ', words.Where(w => w[0] is not ('+' or '-') || w.Length == 1));
        var watch = services.Store.Add(new WatchRequest(WatchOwner.Local, topic) { Must = must, Exclude = exclude }, time.GetUtcNow());
        view.Info($"Added watch {watch.Id}: {watch.Topic}. Each 'paperbot sync' lists the new papers on it; /watch check {watch.Id} DATE shows a past day.");
    }

    private void Show(Watch watch)
    {
        view.Text($"{watch.Id}  {watch.Topic}{(watch.Muted ? " (muted)" : "")}");
        if (WatchText.Rules(watch) is { Length: > 0 } rules)
        {
            view.Text($"rules: {rules}");
        }

        var looks = WatchText.Looks(WatchTerms.Current(services.Lookup, watch)).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} ({w.Value:0.0})"));
        view.Text($"looks for: {string.Join(", ", looks)}");
        view.Text($"alerted on {Plural.Of(services.Ledger.DeliveredCount(watch.Id), "paper")}");
    }

    private async Task CheckAsync(Watch watch, DateOnly? day, CancellationToken cancellationToken)
    {
        var date = day ?? services.Papers.LatestDay() ?? throw new UserInputException("the index has no dated papers");
        var matches = await services.Run.CheckAsync(watch, date, cancellationToken);
        view.Text($"{watch.Id} on {date:yyyy-MM-dd}: {Plural.Of(matches.Count, "paper")}");
        foreach (var match in matches)
        {
            view.Text($"  {match.Paper.Id}  {match.Paper.Title} ({match.Reason})");
        }
    }

    private Watch Find(string id) =>
        services.Store.Get(id) is { Owner.Kind: WatchOwnerKind.Local } watch ? watch : throw new UserInputException($"no watch '{id}' of yours; /watch lists them");
}
