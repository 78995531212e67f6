using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using Spectre.Console;

namespace PaperBot.Bot.Chat;

/// <summary>The chat's slash commands. Mistakes get a one-line hint; only /exit ends the chat.</summary>
/// <param name="interruptible">Runs work that Ctrl+C may stop (the digest), as answers run.</param>
public sealed class ChatCommands(ChatServices services, ChatView view, ChatSession session, Func<Func<CancellationToken, Task>, Task> interruptible)
{
    private const int SearchResults = 10;

    /// <summary>Runs <paramref name="line"/> (which starts with '/'); false when the chat should end.</summary>
    public async Task<bool> RunAsync(string line, CancellationToken cancellationToken)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var name = (space < 0 ? line : line[..space]).ToLowerInvariant();
        var argument = space < 0 ? "" : line[(space + 1)..].Trim();
        try
        {
            switch (name)
            {
                case "/exit" or "/quit":
                    return false;
                case "/help":
                    view.Text(ChatHelp.Text);
                    break;
                case "/summarize":
                    await interruptible(token => SummarizeAsync(argument, token));
                    break;
                case "/papers":
                    Papers(argument);
                    break;
                case "/trending":
                    Trending(argument);
                    break;
                case "/search":
                    Search(argument);
                    break;
                case "/paper":
                    Paper(argument);
                    break;
                case "/related":
                    await interruptible(token => RelatedAsync(argument, token));
                    break;
                case "/date":
                    Date(argument);
                    break;
                case "/reset":
                    session.Reset();
                    view.Info("New conversation: follow-ups no longer refer to earlier answers.");
                    break;
                case "/model":
                    foreach (var text in services.ModelDescription(session.LastSpeed))
                    {
                        view.Text(text);
                    }

                    break;
                case "/stats":
                    Stats(argument);
                    break;
                case "/watch":
                    await new ChatWatchCommands(services.Watches, view, services.Time).RunAsync(argument, session.Day, cancellationToken);
                    break;
                default:
                    view.Hint($"unknown command {name} — type /help");
                    break;
            }
        }
        catch (UserInputException e)
        {
            view.Hint(e.Message);
        }

        return true;
    }

    private async Task SummarizeAsync(string argument, CancellationToken cancellationToken)
    {
        var period = Period(argument);
        var day = argument.Length > 0 && period is null ? DayParser.Parse(argument) : session.Day;
        services.EnsureModelLoaded(view);
        var request = new DigestRequest(day) { Period = period };
        // A model digest takes a while and streams nothing: a spinner says it is under way.
        var result = view.Interactive
            ? await view.Status.Status().StartAsync("Writing the digest (Ctrl+C stops it)", _ => services.Digest.SummarizeAsync(request, cancellationToken))
            : await services.Digest.SummarizeAsync(request, cancellationToken);
        view.Notices(result.Notices);
        if (!result.Complete)
        {
            view.Error(result.Failure ?? "the digest is incomplete");
            return;
        }

        view.Text(result.Text);
        if (result.PaperCount == 0 && result.NearestDays.Count > 0)
        {
            view.Hint("nearest days with papers: " + Days(result.NearestDays));
        }
    }

    /// <summary>
    /// The period <c>/summarize</c> names: "week" or "month" (the one of the /date day, else of the latest day), an ISO
    /// week (2026-W12) or a month (2026-03); null for a day.
    /// </summary>
    private DigestPeriod? Period(string argument)
    {
        var word = argument.ToLowerInvariant();
        if (word is "week" or "month")
        {
            var day = session.Day ?? services.Papers.LatestDay() ?? throw new UserInputException("the index has no dated papers");
            return word == "week" ? DigestPeriod.WeekOf(day) : DigestPeriod.MonthOf(day);
        }

        try
        {
            return argument.Contains("-W", StringComparison.OrdinalIgnoreCase) ? DigestPeriod.Week(argument.ToUpperInvariant())
                : argument.Length == "yyyy-MM".Length ? DigestPeriod.Month(argument)
                : null;
        }
        catch (ArgumentException e)
        {
            throw new UserInputException(e.Message, e);
        }
    }

    private void Papers(string argument)
    {
        var (day, papers, nearest) = DayListing.Of(services.Papers, argument.Length > 0 ? DayParser.Parse(argument) : session.Day)
            ?? throw new UserInputException("the index has no dated papers");
        if (papers.Count == 0)
        {
            view.Hint($"no papers on {Day(day)}; nearest days with papers: {Days(nearest)}");
            return;
        }

        view.Text($"{Plural.Of(papers.Count, "paper")} on {Day(day)}");
        if (view.Interactive)
        {
            view.Write(PaperTable.Of(papers, view.Results));
            return;
        }

        foreach (var paper in papers)
        {
            view.Text($"{paper.Upvotes?.ToString(CultureInfo.InvariantCulture) ?? "-",4}  {paper.Id}  {paper.Title}");
        }
    }

    private void Trending(string argument)
    {
        var days = argument.ToLowerInvariant() switch
        {
            "" or "week" => TrendingPapers.WeekDays,
            "month" => TrendingPapers.MonthDays,
            _ => throw new UserInputException("usage: /trending [week|month]"),
        };
        var latest = services.Papers.LatestDay() ?? throw new UserInputException("the index has no dated papers");
        var result = TrendingPapers.Of(services.Papers, latest.AddDays(1 - days), latest)!;
        view.Text($"Trending {result.Period}: the {Plural.Of(result.Papers.Count, "most upvoted paper")} of {result.Total}");
        if (view.Interactive)
        {
            view.Write(PaperTable.Trending(result.Papers, view.Results));
            return;
        }

        foreach (var paper in result.Papers)
        {
            view.Text($"{paper.Upvotes?.ToString(CultureInfo.InvariantCulture) ?? "-",4}  {paper.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}  {paper.Id}  {paper.Title}");
        }
    }

    private void Search(string argument)
    {
        if (argument.Length == 0)
        {
            view.Hint("usage: /search QUERY — for example /search diffusion video");
            return;
        }

        var hits = services.Papers.Search(new SearchRequest(argument, SearchResults, session.Day, session.Day));
        var suggestion = QuestionSpelling.Correct(argument, services.Papers).Suggestion;
        if (hits.Count == 0)
        {
            view.Hint("no paper matches; try other words" + (session.Day is null ? "" : ", or /date off"));
        }

        var rank = 1;
        foreach (var hit in hits)
        {
            view.Text($"{rank++,2}. {hit.Paper.Title} ({(hit.Paper.Day is { } d ? Day(d) : "-")}, {hit.Paper.Id})");
        }

        if (suggestion is not null)
        {
            view.Hint(suggestion);
        }
    }

    private void Paper(string argument)
    {
        if (argument.Length == 0)
        {
            view.Hint("usage: /paper ID — an arXiv id such as 2410.02749, from /search or /papers");
            return;
        }

        var paper = services.Papers.Get(argument) ?? throw new UserInputException($"no paper with id '{argument}'; find ids with /search");
        view.Text(paper.Title);
        view.Text(Meta(paper));
        view.Text("");
        view.Text(paper.Abstract);
    }

    private async Task RelatedAsync(string argument, CancellationToken cancellationToken)
    {
        if (argument.Length == 0)
        {
            view.Hint("usage: /related ID — an arXiv id such as 2410.02749, from /search or /papers");
            return;
        }

        var result = await services.Related.FindAsync(argument, cancellationToken: cancellationToken);
        view.Text($"Related to {result.Paper.Title} ({(result.ByEmbeddings ? "nearest abstracts" : "shared key words")}):");
        if (result.Related.Count == 0)
        {
            view.Hint("no related papers in the index");
            return;
        }

        var rank = 1;
        foreach (var related in result.Related)
        {
            view.Text($"{rank++,2}. {related.Paper.Title} ({(related.Paper.Day is { } d ? Day(d) : "-")}, {related.Paper.Id}) — {related.Reason}");
        }
    }

    private void Date(string argument)
    {
        if (argument.Length == 0)
        {
            view.Info(session.Day is { } current ? $"questions are limited to {Day(current)}; /date off clears it" : "no day set: questions use every paper; /date YYYY-MM-DD sets one");
            return;
        }

        if (argument.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            session.Day = null;
            view.Info("questions use every paper again");
            return;
        }

        var day = DayParser.Parse(argument);
        session.Day = day;
        var listing = DayListing.Of(services.Papers, day)!;
        var count = listing.Papers.Count;
        if (count == 0)
        {
            view.Hint($"no papers on {Day(day)} (nearest: {Days(listing.NearestDays)}); questions will find nothing until /date off");
            return;
        }

        view.Info(count == 1 ? $"questions are limited to the one paper of {Day(day)}" : $"questions are limited to the {count} papers of {Day(day)}");
    }

    private void Stats(string argument)
    {
        switch (argument.ToLowerInvariant())
        {
            case "on":
                session.ShowStats = true;
                break;
            case "off":
                session.ShowStats = false;
                break;
            default:
                view.Hint("usage: /stats on|off");
                return;
        }

        view.Info($"speed line {(session.ShowStats ? "on" : "off")}");
    }

    private static string Meta(Paper paper) => string.Join(" · ", new[]
    {
        paper.Day is { } d ? Day(d) : null,
        paper.Authors.Count > 0 ? string.Join(", ", paper.Authors.Take(8)) + (paper.Authors.Count > 8 ? ", …" : "") : paper.AuthorCount is { } n ? Plural.Of(n, "author") : paper.Organization,
        paper.Upvotes is { } u ? Plural.Of(u, "upvote") : null,
        paper.ArxivUrl?.ToString(),
    }.Where(s => !string.IsNullOrEmpty(s)));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(IEnumerable<DateOnly> days) => string.Join(", ", days.Select(Day));
}
