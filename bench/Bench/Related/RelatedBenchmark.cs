using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Answering.Related;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport;

namespace PaperBot.Bench;

/// <summary>
/// `related`: related papers over the real archive, scored against hand-labelled topic sets (eval/related-topics.jsonl):
/// for each paper of a topic, the share of the topic's other papers in its top 10 (recall@10) and their ranks
/// (nDCG@10), per split, by keywords and, with --embedding-model, by abstract embeddings; the p95 latency of one
/// request at the archive's size and with synthetic papers added up to --synthetic papers.
/// </summary>
internal static class RelatedBenchmark
{
    private const int Top = 10;

    public static Command Command()
    {
        var archive = BenchIndex.ArchiveOption();
        var model = new Option<string?>("--embedding-model") { Description = "An embedding GGUF (e.g. from `embedding-model`); without it only keywords are measured" };
        var synthetic = new Option<int>("--synthetic") { Description = "Papers in the index for the large-index latency (synthetic ones added to the archive's); 0 skips it", DefaultValueFactory = _ => 100_000 };
        var command = new Command("related", "Related papers: recall@10 and nDCG@10 on hand-labelled topics of the real archive, p95 latency") { archive, model, synthetic };
        command.SetAction((parse, ct) => RunAsync(Path.GetFullPath(parse.GetValue(archive)!), parse.GetValue(model), parse.GetValue(synthetic), ct));
        return command;
    }

    private static async Task<int> RunAsync(string archive, string? model, int synthetic, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(archive))
        {
            Console.Error.WriteLine($"error: the archive folder {archive} does not exist; give it with --archive");
            return 2;
        }

        var topics = File.ReadLines(Path.Combine(TestPaths.RepoRoot, "eval", "related-topics.jsonl")).Where(l => l.Length > 0).Select(Topic.Parse).ToList();
        var work = TestPaths.NewScratchFolder("related-bench");
        try
        {
            var settings = model is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["Embeddings:ModelPath"] = Path.GetFullPath(model) };
            using var services = BenchIndex.Services(work, settings);
            var store = services.GetRequiredService<PaperStore>();
            var watch = Stopwatch.StartNew();
            new Ingestor(store, TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([archive]), null, cancellationToken: cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexed {store.Count} papers of {archive} in {watch.Elapsed.TotalSeconds:0} s; {topics.Count} topics, {topics.Sum(t => t.Ids.Count)} labelled papers."));

            var keywords = new RelatedPapers(store, services.GetRequiredService<PaperLookup>());
            await ScoreAsync("keywords", keywords, topics, cancellationToken);
            var embeddings = services.GetRequiredService<Retriever>().Embeddings;
            RelatedPapers? dense = null;
            if (embeddings is not null)
            {
                watch.Restart();
                var embedded = await embeddings.EmbedMissingAsync(null, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Embedded {embedded} abstracts with {embeddings.Model} in {watch.Elapsed.TotalSeconds:0} s."));
                dense = new RelatedPapers(store, services.GetRequiredService<PaperLookup>(), embeddings);
                await ScoreAsync("embeddings", dense, topics, cancellationToken);
            }

            if (synthetic > store.Count)
            {
                await LargeIndexAsync(store, services.GetRequiredService<PaperVectorStore>(), embeddings, keywords, dense, topics, synthetic, work, cancellationToken);
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Recall@10 and nDCG@10 per split, and the latency of each request after one warm-up request.</summary>
    private static async Task ScoreAsync(string method, RelatedPapers related, List<Topic> topics, CancellationToken cancellationToken)
    {
        await related.FindAsync(topics[0].Ids[0], Top, cancellationToken: cancellationToken);
        var latency = new Samples();
        foreach (var split in topics.Select(t => t.Split).Distinct().Order(StringComparer.Ordinal))
        {
            var recall = new List<double>();
            var ndcg = new List<double>();
            foreach (var topic in topics.Where(t => t.Split == split))
            {
                var topicRecall = new List<double>();
                foreach (var id in topic.Ids)
                {
                    var watch = Stopwatch.StartNew();
                    var result = await related.FindAsync(id, Top, cancellationToken: cancellationToken);
                    latency.Add(watch.Elapsed);
                    var relevant = topic.Ids.Where(other => other != id).ToHashSet(StringComparer.Ordinal);
                    var ranks = result.Related.Select((r, i) => (r.Paper.Id, Rank: i + 1)).Where(r => relevant.Contains(r.Id)).Select(r => r.Rank).ToList();
                    topicRecall.Add(ranks.Count / (double)Math.Min(Top, relevant.Count));
                    var ideal = Enumerable.Range(1, Math.Min(Top, relevant.Count)).Sum(Gain);
                    ndcg.Add(ranks.Sum(Gain) / ideal);
                }

                recall.AddRange(topicRecall);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method,-10} {split,-5} recall@10 {topicRecall.Average(),5:0.00}  {topic.Name}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{method,-10} {split,-5} {recall.Count,3} papers  recall@10 {recall.Average():0.000}  nDCG@10 {ndcg.Average():0.000}"));
        }

        Console.WriteLine($"{method,-10} latency at the archive's size: {latency.Latencies()}");
    }

    /// <summary>
    /// Synthetic papers (words drawn with the sample corpus's frequencies) fill the index up to <paramref name="size"/>;
    /// with embeddings, each gets a random unit vector (the search cost does not depend on the values), so no model runs.
    /// </summary>
    private static async Task LargeIndexAsync(
        PaperStore store, PaperVectorStore vectors, EmbeddingIndex? embeddings, RelatedPapers keywords, RelatedPapers? dense,
        List<Topic> topics, int size, string work, CancellationToken cancellationToken)
    {
        var page = Path.Combine(work, "synthetic.txt");
        new SyntheticCorpus(TestPaths.SeedDirectory).WritePage(page, size - (int)store.Count, seed: 24);
        new Ingestor(store, TimeProvider.System).IngestFiles([page], null, cancellationToken: cancellationToken);
        if (embeddings is not null)
        {
            var random = new Random(24);
            var missing = vectors.MissingFor(embeddings.Model);
            var dimension = vectors.Load(embeddings.Model).Dimension;
            foreach (var batch in missing.Chunk(10_000))
            {
                vectors.Save(embeddings.Model, [.. batch.Select(p => (p.Pid, VectorMatrix.Normalize([.. Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() - 0.5))])))]);
            }
        }

        foreach (var (method, related) in new[] { ("keywords", keywords), ("embeddings", dense) })
        {
            if (related is null)
            {
                continue;
            }

            await related.FindAsync(topics[0].Ids[0], Top, cancellationToken: cancellationToken);
            var latency = new Samples();
            foreach (var id in topics.SelectMany(t => t.Ids))
            {
                var watch = Stopwatch.StartNew();
                await related.FindAsync(id, Top, cancellationToken: cancellationToken);
                latency.Add(watch.Elapsed);
            }

            Console.WriteLine($"{method,-10} latency at {store.Count:N0} papers: {latency.Latencies()}");
        }
    }

    private static double Gain(int rank) => 1 / Math.Log2(rank + 1);

    private sealed record Topic(string Name, string Split, IReadOnlyList<string> Ids)
    {
        public static Topic Parse(string line)
        {
            var root = JsonDocument.Parse(line).RootElement;
            return new Topic(
                root.GetProperty("topic").GetString()!, root.GetProperty("split").GetString()!,
                [.. root.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)]);
        }
    }
}
