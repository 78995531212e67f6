using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bench;

/// <summary>
/// `period-digests`: digests of real weeks and months of the archive, evenly spread: whether every citation is valid
/// (numbers the digest lists, papers of the period), the share of the period's ten most upvoted papers cited, the share
/// of each theme's papers that contain its name, and the time to write each; with --model, one month's digest written
/// by that model (by default the random-weight benchmark model of `llama`, written on first use).
/// </summary>
internal static class PeriodDigestsCommand
{
    public static Command Command()
    {
        var archive = BenchIndex.ArchiveOption();
        var weeks = new Option<int>("--weeks") { Description = "How many ISO weeks, evenly spread over the archive", DefaultValueFactory = _ => 8 };
        var months = new Option<int>("--months") { Description = "How many whole months, evenly spread over the archive", DefaultValueFactory = _ => 3 };
        var model = new Option<bool>("--model-mode") { Description = "Also time one month's digest written by the random-weight benchmark model (minutes on a CPU)" };
        var modelPath = new Option<string?>("--model") { Description = "The GGUF chat model for --model-mode (default: bench/work/qwen2-0.5b-shape-q8_0.gguf, written if missing)" };
        var command = new Command("period-digests", "Week and month digests of the real archive: valid citations, most upvoted papers cited, theme names, time") { archive, weeks, months, model, modelPath };
        command.SetAction((parse, ct) => RunAsync(Path.GetFullPath(parse.GetValue(archive)!), parse.GetValue(weeks), parse.GetValue(months), parse.GetValue(model), parse.GetValue(modelPath), ct));
        return command;
    }

    private static async Task<int> RunAsync(string archive, int weekCount, int monthCount, bool modelMode, string? modelPath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(archive))
        {
            Console.Error.WriteLine($"error: the archive folder {archive} does not exist; give it with --archive");
            return 2;
        }

        var work = TestPaths.NewScratchFolder("period-digests");
        try
        {
            using var services = BenchIndex.Services(work);
            var store = services.GetRequiredService<PaperStore>();
            new Ingestor(store, TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([archive]), null, cancellationToken: cancellationToken);
            var stats = store.Stats();
            var (first, last) = (stats.FirstDay!.Value, stats.LastDay!.Value);
            // Whole weeks and months only: the archive's first and last ones may be cut.
            var weeks = Spread(Periods(first, last, d => d.AddDays(7), DigestPeriod.WeekOf), weekCount);
            var months = Spread(Periods(first, last, d => d.AddMonths(1), DigestPeriod.MonthOf), monthCount);
            var digest = services.GetRequiredService<DayDigest>();
            var monthTimes = new Samples();
            var citedTop = new List<double>();
            var named = new List<double>();
            var allValid = true;
            foreach (var period in weeks.Concat(months))
            {
                var watch = Stopwatch.StartNew();
                var result = await digest.SummarizeAsync(new DigestRequest(NoModel: true) { Period = period }, cancellationToken);
                var elapsed = watch.Elapsed;
                if (period.Name.Length == "yyyy-MM".Length)
                {
                    monthTimes.Add(elapsed);
                }

                var (valid, top, themes) = Check(store, period, result, cancellationToken);
                allValid &= valid;
                citedTop.Add(top);
                named.AddRange(themes.Select(t => t.Share));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{period.Describe(),-38} {result.PaperCount,4} papers  {elapsed.TotalMilliseconds,6:0} ms  {result.Text.Length,5} chars  citations {(valid ? "valid" : "INVALID")}  top-10 cited {top,4:P0}  themes named by {(themes.Count == 0 ? 1 : themes.Min(t => t.Share)),4:P0}+ of their papers: {string.Join(" | ", themes.Select(t => $"{t.Name} ({t.Share:P0})"))}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{weeks.Count} weeks, {months.Count} months: citations {(allValid ? "all valid" : "NOT all valid")}; the period's 10 most upvoted cited: mean {citedTop.Average():P0}, least {citedTop.Min():P0}; a theme's papers containing its name: mean {named.DefaultIfEmpty(1).Average():P0}, least {named.DefaultIfEmpty(1).Min():P0}; extractive month digest {monthTimes.Latencies()}"));
            if (modelMode)
            {
                await ModelMonthAsync(archive, months[0], modelPath, cancellationToken);
            }

            return allValid ? 0 : 3;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Whether every citation is valid, the share of the ten most upvoted papers cited, and each theme's share of papers containing its name.</summary>
    private static (bool Valid, double Top, List<(string Name, double Share)> Themes) Check(PaperStore store, DigestPeriod period, DigestResult result, CancellationToken cancellationToken)
    {
        var all = store.MostUpvoted(period.From, period.To, int.MaxValue).Papers.Select(p => p.Paper).ToList();
        var ids = all.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var valid = result.Complete && result.DroppedCitations == 0 && result.Citations.All(c => ids.Contains(c.Id));
        var cited = result.Citations.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var top = all.Take(PeriodSelection.MostUpvoted).Count(p => cited.Contains(p.Id)) / (double)Math.Min(PeriodSelection.MostUpvoted, all.Count);
        // The digest's themes, with all their papers (the digest names only each theme's most upvoted).
        var shown = PeriodSelection.Of(all, cancellationToken).Themes.Select(t => t.Theme.Label).ToHashSet(StringComparer.Ordinal);
        var groups = ThemeGrouper.Group(all, cancellationToken).Where(t => shown.Contains(t.Label));
        return (valid, top, [.. groups.Select(t => (t.Label, t.Papers.Count(i => ThemeGrouper.Names(t.Label, all[i])) / (double)t.Papers.Count))]);
    }

    /// <summary>One month's digest written by a model, over an index of its own (the gist cache starts empty).</summary>
    private static async Task ModelMonthAsync(string archive, DigestPeriod month, string? modelPath, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(modelPath ?? Path.Combine(TestPaths.RepoRoot, "bench", "work", "qwen2-0.5b-shape-q8_0.gguf"));
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Console.Error.WriteLine($"writing {path} ...");
            RandomModelFactory.Write(path, RandomModelSpec.Qwen2HalfBillion());
        }

        var work = TestPaths.NewScratchFolder("period-digests-model");
        try
        {
            using var services = BenchIndex.Services(work, new Dictionary<string, string?> { ["Llm:ModelPath"] = path });
            new Ingestor(services.GetRequiredService<PaperStore>(), TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([archive]), null, cancellationToken: cancellationToken);
            var watch = Stopwatch.StartNew();
            var result = await services.GetRequiredService<DayDigest>().SummarizeAsync(new DigestRequest { Period = month }, cancellationToken);
            var elapsed = watch.Elapsed;
            var (valid, top, _) = Check(services.GetRequiredService<PaperStore>(), month, result, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model digest of {month.Describe()} ({Path.GetFileName(path)}): {elapsed.TotalSeconds:0.0} s, {result.Mode}, complete {result.Complete}, {result.ReduceCalls} reduce calls, {result.Citations.Count} citations kept, {result.DroppedCitations} dropped, citations {(valid ? "valid" : "with invented numbers dropped")}, top-10 cited {top:P0}"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The whole periods inside the archive's days: each period's first day from <paramref name="first"/> on, stepping with <paramref name="next"/>.</summary>
    private static List<DigestPeriod> Periods(DateOnly first, DateOnly last, Func<DateOnly, DateOnly> next, Func<DateOnly, DigestPeriod> of)
    {
        var periods = new List<DigestPeriod>();
        for (var day = first; day <= last; day = next(day))
        {
            var period = of(day);
            if (period.From >= first && period.To <= last && (periods.Count == 0 || periods[^1] != period))
            {
                periods.Add(period);
            }
        }

        return periods;
    }

    private static List<DigestPeriod> Spread(List<DigestPeriod> periods, int count) =>
        [.. Enumerable.Range(0, Math.Min(count, periods.Count)).Select(i => periods[(int)((long)i * (periods.Count - 1) / Math.Max(1, count - 1))]).Distinct()];
}
