using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Watches;
using PaperBot.TestSupport;

namespace PaperBot.Bench.Watches;

/// <summary>
/// `watches`: the quality and cost of watch alerts over the real archive.
/// <list type="bullet">
/// <item>Quality: the index holds the archive's days before the set's period; the set's watches are created, then
/// each day of the period is ingested and the watches decided, as the daily sync does. Precision and recall of the
/// alerts against the labels, per half. The tune half is replayed a second time in the same run with 👍/👎 given
/// after each day on every alerted paper (👍 when labelled relevant), each paper as if it were its own message.</item>
/// <item>Cost: 100 watches (the set's topics, then titles of earlier papers as topics) matched against the day
/// of the archive with the number of papers nearest to 50, and against every day of the archive's last year.</item>
/// </list>
/// </summary>
internal static class WatchBenchmark
{
    public static Command Command()
    {
        var archive = BenchIndex.ArchiveOption();
        var set = new Option<string>("--set") { Description = "The labelled watches (JSONL)", DefaultValueFactory = _ => Path.Combine(TestPaths.RepoRoot, "eval", "watches.jsonl") };
        var watches = new Option<int>("--watches") { Description = "How many watches the cost is measured with", DefaultValueFactory = _ => 100 };
        var backfillDays = new Option<int>("--backfill-days") { Description = "The days of the cost's backfill, the archive's last ones (0: none)", DefaultValueFactory = _ => 365 };
        var command = new Command("watches", "Watch alerts over the real archive: precision and recall per half, the change after 👍/👎, and the cost of matching") { archive, set, watches, backfillDays };
        command.SetAction((parse, ct) => RunAsync(Path.GetFullPath(parse.GetValue(archive)!), parse.GetValue(set)!, parse.GetValue(watches), parse.GetValue(backfillDays), ct));
        return command;
    }

    private static async Task<int> RunAsync(string archive, string setPath, int watchCount, int backfillDays, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(archive) || !File.Exists(setPath))
        {
            Console.Error.WriteLine($"error: the archive folder {archive} or the watch set {setPath} does not exist");
            return 2;
        }

        var days = Directory.GetFiles(archive, "*.json")
            .Select(f => (File: f, Day: DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(f), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null))
            .Where(f => f.Day is not null).Select(f => (f.File, Day: f.Day!.Value)).OrderBy(f => f.Day).ToList();
        var set = WatchSetEntry.Read(setPath);
        await QualityAsync(days, set, cancellationToken);
        await CostAsync(days, set, watchCount, backfillDays, cancellationToken);
        return 0;
    }

    private static async Task QualityAsync(List<(string File, DateOnly Day)> days, List<WatchSetEntry> set, CancellationToken cancellationToken)
    {
        var from = set.Min(e => e.From);
        var to = set.Max(e => e.To);
        var work = TestPaths.NewScratchFolder("watches-quality");
        try
        {
            using var services = BenchIndex.Services(work);
            var store = services.GetRequiredService<PaperStore>();
            var ingestor = new Ingestor(store, TimeProvider.System);
            var clock = Stopwatch.StartNew();
            ingestor.IngestFiles([.. days.Where(d => d.Day < from).Select(d => d.File)], null, cancellationToken: cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index before {from:yyyy-MM-dd}: {store.Count} papers ({clock.Elapsed.TotalSeconds:F0} s)"));

            var watches = services.GetRequiredService<WatchStore>();
            var run = services.GetRequiredService<WatchRun>();
            var ledger = services.GetRequiredService<WatchLedger>();
            var feedback = services.GetRequiredService<WatchFeedback>();
            var plain = set.ToDictionary(e => watches.Add(new WatchRequest(WatchOwner.Local, e.Topic), DateTimeOffset.UnixEpoch).Id, e => e);
            var tuned = set.Where(e => e.Half == "tune").ToDictionary(e => watches.Add(new WatchRequest(WatchOwner.User(1), e.Topic), DateTimeOffset.UnixEpoch).Id, e => e);
            var alerted = plain.Keys.Concat(tuned.Keys).ToDictionary(id => id, _ => new HashSet<string>(StringComparer.Ordinal));
            var message = 0L;
            foreach (var (file, day) in days.Where(d => d.Day >= from && d.Day <= to))
            {
                ingestor.IngestFiles([file], null, cancellationToken: cancellationToken);
                foreach (var alert in await run.DecideAsync([day], cancellationToken))
                {
                    alerted[alert.Watch.Id].UnionWith(alert.Matches.Select(m => m.Paper.Id));
                    if (!tuned.TryGetValue(alert.Watch.Id, out var entry))
                    {
                        continue;
                    }

                    // The subscriber reads the day's alert and reacts to each paper.
                    foreach (var match in alert.Matches)
                    {
                        var id = (++message).ToString(CultureInfo.InvariantCulture);
                        ledger.RecordPart(alert.Id, (int)message, "bench", id, [match.Paper.Id]);
                        feedback.Apply(id, entry.Relevant.Contains(match.Paper.Id), ledger);
                    }

                    ledger.Complete(alert.Id, DateTimeOffset.UnixEpoch);
                }
            }

            Console.WriteLine($"replayed {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {set.Count} watches ({set.Count(e => e.Half == "tune")} tune, {set.Count(e => e.Half == "check")} check)");
            foreach (var (id, entry) in plain)
            {
                Console.WriteLine(Line($"{entry.Id} {entry.Half,-5} {entry.Topic}", [(alerted[id], entry)]));
            }

            foreach (var (id, entry) in tuned)
            {
                Console.WriteLine(Line($"{entry.Id} tuned {entry.Topic}", [(alerted[id], entry)]));
            }

            Console.WriteLine(Line("tune half, as written", [.. plain.Where(p => p.Value.Half == "tune").Select(p => (alerted[p.Key], p.Value))]));
            Console.WriteLine(Line("tune half, with 👍/👎 replayed", [.. tuned.Select(p => (alerted[p.Key], p.Value))]));
            Console.WriteLine(Line("check half", [.. plain.Where(p => p.Value.Half == "check").Select(p => (alerted[p.Key], p.Value))]));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Micro-averaged precision and recall (over all alerts and labels of the rows), then macro over the rows.</summary>
    private static string Line(string label, IReadOnlyList<(HashSet<string> Alerted, WatchSetEntry Entry)> rows)
    {
        var hits = rows.Sum(r => r.Alerted.Count(r.Entry.Relevant.Contains));
        var sent = rows.Sum(r => r.Alerted.Count);
        var relevant = rows.Sum(r => r.Entry.Relevant.Count);
        var macroP = rows.Select(r => r.Alerted.Count == 0 ? 0 : r.Alerted.Count(r.Entry.Relevant.Contains) / (double)r.Alerted.Count).Average();
        var macroR = rows.Select(r => r.Alerted.Count(r.Entry.Relevant.Contains) / (double)r.Entry.Relevant.Count).Average();
        var macro = rows.Count > 1 ? FormattableString.Invariant($"; macro precision {macroP:F2}, recall {macroR:F2}") : "";
        return FormattableString.Invariant($"{label}: precision {Ratio(hits, sent)} ({hits}/{sent}), recall {Ratio(hits, relevant)} ({hits}/{relevant}){macro}");
    }

    private static string Ratio(int part, int whole) => whole == 0 ? "n/a" : (part / (double)whole).ToString("F2", CultureInfo.InvariantCulture);

    private static async Task CostAsync(List<(string File, DateOnly Day)> days, List<WatchSetEntry> set, int count, int backfillDays, CancellationToken cancellationToken)
    {
        var work = TestPaths.NewScratchFolder("watches-cost");
        try
        {
            using var services = BenchIndex.Services(work);
            var store = services.GetRequiredService<PaperStore>();
            var clock = Stopwatch.StartNew();
            new Ingestor(store, TimeProvider.System).IngestFiles([.. days.Select(d => d.File)], null, cancellationToken: cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cost index: the whole archive, {store.Count} papers ({clock.Elapsed.TotalSeconds:F0} s)"));

            // Topics: the set's, then the titles of papers spread over the archive (a person names a topic much as a title does).
            var titles = days.Where((_, i) => i % 5 == 0).SelectMany(d => store.PapersOfDay(d.Day).Take(1)).Select(p => p.Title);
            var watches = services.GetRequiredService<WatchStore>();
            var list = set.Select(e => e.Topic).Concat(titles).Take(count)
                .Select((topic, i) => watches.Add(new WatchRequest(WatchOwner.User((ulong)i + 1), topic.Length > WatchStore.MaxTopicLength ? topic[..WatchStore.MaxTopicLength] : topic), DateTimeOffset.UnixEpoch))
                .ToList();
            var matcher = services.GetRequiredService<WatchMatcher>();
            var day = days.Select(d => (d.Day, Papers: store.PapersOfDay(d.Day).Count)).MinBy(d => Math.Abs(d.Papers - 50));
            var runs = new Samples();
            var matches = 0;
            for (var i = 0; i < 5; i++)
            {
                clock.Restart();
                matches = 0;
                var papers = store.PapersOfDayWithPids(day.Day);
                foreach (var watch in list)
                {
                    matches += (await matcher.MatchAsync(watch, day.Day, cancellationToken, papers)).Count;
                }

                runs.Add(clock.Elapsed);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{list.Count} watches x {day.Day:yyyy-MM-dd} ({day.Papers} papers): median {runs.Median:F0} ms, best {runs.Min:F0} ms of 5 runs ({runs.Median / list.Count:F2} ms a watch); {matches} matches"));

            if (backfillDays <= 0)
            {
                return;
            }

            // As if the watches had been created before the backfill: every paper of the year is new to them.
            using (var connection = store.Open())
            using (var reset = connection.CreateCommand())
            {
                reset.CommandText = "UPDATE watches SET after_pid = 0";
                reset.ExecuteNonQuery();
            }

            var last = days[^1].Day;
            var year = days.Where(d => d.Day > last.AddDays(-backfillDays)).Select(d => d.Day).ToList();
            var run = services.GetRequiredService<WatchRun>();
            clock.Restart();
            var alerts = await run.DecideAsync(year, cancellationToken);
            Console.WriteLine(FormattableString.Invariant(
                $"{list.Count} watches x backfill of {year.Count} days ({year[0]:yyyy-MM-dd} to {year[^1]:yyyy-MM-dd}), decided and recorded: {clock.Elapsed.TotalSeconds:F1} s ({clock.Elapsed.TotalMilliseconds / year.Count:F0} ms a day); {alerts.Count} alerts, {alerts.Sum(a => a.Matches.Count)} papers"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }
}
