using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport;

namespace PaperBot.Bench;

/// <summary>
/// `index`: ingest rate, search latency (ours vs the raw FTS5 query of the same expression on the same database),
/// and a whole `paperbot search` process, on synthetic corpora drawn from the sample corpus.
/// </summary>
internal static class IndexBenchmark
{
    public static Command Command()
    {
        var sizes = new Option<string>("--sizes") { Description = "Corpus sizes in abstracts, comma-separated", DefaultValueFactory = _ => "100000,1000000" };
        sizes.Validators.Add(result =>
        {
            if (ParseSizes(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"--sizes takes positive whole numbers separated by commas, e.g. 100000,1000000; not {result.GetValueOrDefault<string>()}");
            }
        });
        var queries = new Option<int>("--queries") { Description = "Typical queries timed (a quarter as many very frequent ones)", DefaultValueFactory = _ => 400 }.InRange(4, 1_000_000);
        var work = new Option<string>("--work") { Description = "Folder for the generated corpora and databases", DefaultValueFactory = _ => Path.Combine("bench", "work") };
        var reuse = new Option<bool>("--reuse") { Description = "Time searches on the databases a previous run left, without ingesting again" };
        var ingestRuns = new Option<int>("--ingest-runs")
        {
            Description = "Ingests of each size, ours and the reference alternating (the median ratio is the figure on a busy machine)",
            DefaultValueFactory = _ => 1,
        }.InRange(1, 20);
        var command = new Command("index", "Ingest rate and search latency on synthetic corpora, against bare FTS5") { sizes, queries, work, reuse, ingestRuns };
        command.SetAction(parse =>
        {
            Run(ParseSizes(parse.GetValue(sizes))!, parse.GetValue(queries), parse.GetValue(work)!, parse.GetValue(reuse), parse.GetValue(ingestRuns));
            return 0;
        });
        return command;
    }

    private static int[]? ParseSizes(string? text)
    {
        var parts = (text ?? "").Split(',');
        var sizes = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0 ? size : 0).ToArray();
        return sizes.Contains(0) ? null : sizes;
    }

    private static void Run(int[] sizes, int queries, string work, bool reuse, int ingestRuns)
    {
        var corpus = new SyntheticCorpus(TestPaths.SeedDirectory);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        foreach (var size in sizes)
        {
            Console.WriteLine($"\n== {size:N0} abstracts");
            var database = EnsureDatabase(corpus, work, size, reuse, ingestRuns);
            var folder = Path.GetDirectoryName(database)!;

            var store = new PaperStore(database);

            SearchLatency.Measure(store, corpus, queries);
            if (size == sizes[0])
            {
                ProcessTiming.Measure(TestPaths.RepoRoot, folder);
            }
        }
    }

    /// <summary>
    /// The synthetic index of <paramref name="size"/> abstracts under <paramref name="work"/> (its page files made
    /// first when missing), ingested anew (<paramref name="runs"/> times, alternating with the reference) unless
    /// <paramref name="reuse"/> and it is there.
    /// </summary>
    public static string EnsureDatabase(SyntheticCorpus corpus, string work, int size, bool reuse = true, int runs = 1)
    {
        var folder = Path.Combine(work, size.ToString(CultureInfo.InvariantCulture));
        var files = GenerateFiles(corpus, folder, size);
        var database = Path.Combine(folder, "index.db");
        if (!reuse || !File.Exists(database))
        {
            var ratios = new Samples(Enumerable.Range(0, runs).Select(_ => Ingest(files, database)));
            if (runs > 1)
            {
                Console.WriteLine($"ingest, ours / reference over {runs} runs: median {ratios.Median:0.00}, best {ratios.Max:0.00}, worst {ratios.Min:0.00} (load average {Commands.CommandsBenchmark.LoadAverage()})");
            }
        }

        return database;
    }

    /// <summary>Ingests <paramref name="files"/> into a new index, then into the bare reference table; returns ours / reference.</summary>
    private static double Ingest(IReadOnlyList<string> files, string database)
    {
        // A pooled connection of the previous run would keep writing to the file deleted here.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(database)!, "index.db*"))
        {
            File.Delete(stale);
        }

        var parse = Stopwatch.StartNew();
        var entries = files.Sum(f => CorpusFileReader.Read(f, new DateOnly(2025, 11, 20)).Entries.Count);
        parse.Stop();
        var store = new PaperStore(database);
        var watch = Stopwatch.StartNew();
        var report = new Ingestor(store, TimeProvider.System).IngestFiles(files, new DateOnly(2025, 11, 20));
        watch.Stop();

        // The statistics refresh that closed the batch, timed again on its own (it rewrites the same table).
        var statistics = Stopwatch.StartNew();
        store.RefreshStatistics();
        statistics.Stop();
        Console.WriteLine($"ingest: {report.Entries:N0} entries in {watch.Elapsed.TotalSeconds:0.0} s = {report.Entries / watch.Elapsed.TotalSeconds:N0} abstracts/s, of which reading and parsing {parse.Elapsed.TotalSeconds:0.0} s ({entries / parse.Elapsed.TotalSeconds:N0}/s) and the term statistics {statistics.Elapsed.TotalSeconds:0.0} s ({new FileInfo(database).Length / 1048576.0:0} MiB)");
        var raw = RawFtsIngest.Measure(files, Path.Combine(Path.GetDirectoryName(database)!, "raw-fts.db"));
        var ratio = report.Entries / watch.Elapsed.TotalSeconds / raw;
        Console.WriteLine($"ingest reference: the same abstracts into a bare FTS5 table (same tokenizer, one transaction per file, no dedupe, no metadata): {raw:N0} abstracts/s; ours / reference = {ratio:0.00} (load average {Commands.CommandsBenchmark.LoadAverage()})");
        var hashSize = FtsHashSize(database);
        var alike = RawFtsIngest.Measure(files, Path.Combine(Path.GetDirectoryName(database)!, "raw-fts.db"), hashSize);
        Console.WriteLine($"ingest reference configured as our index (its FTS5 hashsize, {hashSize / 1048576} MiB): {alike:N0} abstracts/s; ours / that = {report.Entries / watch.Elapsed.TotalSeconds / alike:0.00}");
        return ratio;
    }

    /// <summary>The in-memory term buffer our index's full-text table was given (a stored FTS5 setting).</summary>
    private static long FtsHashSize(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT v FROM papers_fts_config WHERE k = 'hashsize'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> GenerateFiles(SyntheticCorpus corpus, string folder, int size)
    {
        const int PerFile = 100_000;
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var start = 0; start < size; start += PerFile)
        {
            var path = Path.Combine(folder, $"part-{start / PerFile:D3}.txt");
            if (!File.Exists(path))
            {
                corpus.WritePage(path, Math.Min(PerFile, size - start), seed: start / PerFile);
            }

            files.Add(path);
        }

        return files;
    }
}
