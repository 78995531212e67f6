using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport;

namespace PaperBot.Bench;

/// <summary>
/// `day-themes`: the extractive digest's themes over real days of the archive, evenly spread: per day the share of
/// papers left in "Other papers", the least share of a theme's papers that contain its name, and the names.
/// </summary>
internal static class DayThemesCommand
{
    public static Command Command()
    {
        var archive = BenchIndex.ArchiveOption();
        var days = new Option<int>("--days") { Description = "How many days, evenly spread over the archive", DefaultValueFactory = _ => 20 };
        var command = new Command("day-themes", "The extractive digest's themes over real days: papers left in Other, names their papers contain") { archive, days };
        command.SetAction((parse, ct) => Task.FromResult(Run(Path.GetFullPath(parse.GetValue(archive)!), parse.GetValue(days), ct)));
        return command;
    }

    private static int Run(string archive, int count, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(archive))
        {
            Console.Error.WriteLine($"error: the archive folder {archive} does not exist; give it with --archive");
            return 2;
        }

        var work = TestPaths.NewScratchFolder("day-themes");
        try
        {
            using var services = BenchIndex.Services(work);
            var store = services.GetRequiredService<PaperStore>();
            new Ingestor(store, TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([archive]), null, cancellationToken: cancellationToken);
            var all = Directory.GetFiles(archive, "*.json").Select(f => DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(f), "yyyy-MM-dd", out var d) ? d : (DateOnly?)null)
                .OfType<DateOnly>().Order().ToList();
            var chosen = Enumerable.Range(0, count).Select(i => all[(int)((long)i * (all.Count - 1) / Math.Max(1, count - 1))]).Distinct().ToList();
            var others = new List<double>();
            var named = new List<double>();
            foreach (var day in chosen)
            {
                var papers = store.PapersOfDay(day);
                if (papers.Count == 0)
                {
                    continue;
                }

                var themes = ThemeGrouper.Group(papers, cancellationToken);
                var other = themes.Where(t => t.Label is "Other papers" or "Papers of the day").Sum(t => t.Papers.Count) / (double)papers.Count;
                var named_ = themes.Where(t => t.Label is not ("Other papers" or "Papers of the day"))
                    .Select(t => t.Papers.Count(i => ThemeGrouper.Names(t.Label, papers[i])) / (double)t.Papers.Count).DefaultIfEmpty(1).Min();
                others.Add(other);
                named.Add(named_);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{day:yyyy-MM-dd} {papers.Count,3} papers  other {other,4:P0}  least named {named_,4:P0}  {string.Join(" | ", themes.Select(t => $"{t.Label} ({t.Papers.Count})"))}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{others.Count} days: papers in Other mean {others.Average():P0}, worst {others.Max():P0}; least share of a theme's papers containing its name {named.Min():P0}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }
}
