using System.Diagnostics;
using System.Globalization;
using PaperBot.IndexBench;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

// Index benchmark: ingest rate, search latency (ours vs the raw FTS5 query of the same expression on the same
// database), and a whole `paperbot search` process, on synthetic corpora drawn from the sample corpus.
// Usage: dotnet run -c Release --project bench/IndexBench -- [--sizes 100000,1000000] [--queries 400] [--work bench/work]
var options = BenchOptions.Parse(args);
var root = FindRepoRoot();
var corpus = new SyntheticCorpus(Path.Combine(root, "data", "seed"));
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
foreach (var size in options.Sizes)
{
    var folder = Path.Combine(options.Work, size.ToString(CultureInfo.InvariantCulture));
    var files = GenerateFiles(corpus, folder, size);
    var database = Path.Combine(folder, "index.db");
    Console.WriteLine($"\n== {size:N0} abstracts");
    if (!options.Reuse || !File.Exists(database))
    {
        Ingest(files, database);
    }

    var store = new PaperStore(database);

    SearchLatency.Measure(store, corpus, options.Queries);
    if (size == options.Sizes[0])
    {
        ProcessTiming.Measure(root, folder);
    }
}

static void Ingest(IReadOnlyList<string> files, string database)
{
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
    Console.WriteLine($"ingest: {report.Entries:N0} entries in {watch.Elapsed.TotalSeconds:0.0} s = {report.Entries / watch.Elapsed.TotalSeconds:N0} abstracts/s, of which reading and parsing {parse.Elapsed.TotalSeconds:0.0} s ({entries / parse.Elapsed.TotalSeconds:N0}/s) ({new FileInfo(database).Length / 1048576.0:0} MiB)");
    var raw = RawFtsIngest.Measure(files, Path.Combine(Path.GetDirectoryName(database)!, "raw-fts.db"));
    Console.WriteLine($"ingest reference: the same abstracts into a bare FTS5 table (same tokenizer, one transaction per file, no dedupe, no metadata): {raw:N0} abstracts/s; ours / reference = {report.Entries / watch.Elapsed.TotalSeconds / raw:0.00}");
}

static IReadOnlyList<string> GenerateFiles(SyntheticCorpus corpus, string folder, int size)
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

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "PaperBot.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository");
}
