using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Answering.Evaluation;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport;
using PaperBot.TestSupport.Chat;

namespace PaperBot.Bench;

/// <summary>
/// `answer`: the answering pipeline in one process over the sample corpus and the development questions:
/// extractive ask per question, the pipeline's own overhead around retrieval and generation (with a model that
/// answers at once), and a cached day digest.
/// </summary>
internal static class AnswerBenchmark
{
    /// <summary>The instant model's answer: it cites two sources, as a real answer does.</summary>
    private const string Reply = "The first source answers this [1], and the second adds detail [2].";

    public static Command Command()
    {
        var rounds = new Argument<int>("ROUNDS") { Description = "Timed rounds over the questions, after one warm-up round", DefaultValueFactory = _ => 5, Arity = ArgumentArity.ZeroOrOne };
        rounds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError($"ROUNDS must be between 1 and 1000, not {result.GetValueOrDefault<int>()}");
            }
        });
        var command = new Command("answer", "Extractive and model ask, pipeline overhead, day digest over the sample corpus") { rounds };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(rounds)));
        return command;
    }

    private static async Task<int> RunAsync(int rounds)
    {
        var root = TestPaths.RepoRoot;
        var work = Path.Combine(Path.GetTempPath(), "paperbot-answerbench-" + Environment.ProcessId);
        var questions = EvalSet.Load(Path.Combine(root, "eval", "dev.jsonl"));
        try
        {
            using var extractive = BenchIndex.Services(Path.Combine(work, "extractive"), chat: null);
            using var model = BenchIndex.Services(Path.Combine(work, "model"), new ScriptedChatClient(_ => Reply));
            var seed = Stopwatch.StartNew();
            var report = new Ingestor(extractive.GetRequiredService<PaperStore>(), TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([TestPaths.SeedDirectory]), null);
            new Ingestor(model.GetRequiredService<PaperStore>(), TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([TestPaths.SeedDirectory]), null);
            Console.WriteLine($"Indexed {report.Added} papers twice in {seed.ElapsedMilliseconds} ms; {questions.Count} questions, {rounds} rounds after one warm-up round.");

            var ask = new Samples();
            var retrieval = new Samples();
            await Run(extractive.GetRequiredService<Answerer>(), (result, elapsed) =>
            {
                ask.Add(elapsed);
                retrieval.Add(result.Timings.Retrieval);
            });

            var overhead = new Samples();
            var modelAsk = new Samples();
            await Run(model.GetRequiredService<Answerer>(), (result, elapsed) =>
            {
                modelAsk.Add(elapsed);
                overhead.Add(elapsed - result.Timings.Retrieval - result.Timings.Generation);
            });

            // The sample corpus has at most two papers a day; a busy Daily Papers day has about 60, so the digest is
            // timed on a day made of 60 sample papers in a store of their own.
            using var dayServices = BenchIndex.Services(Path.Combine(work, "digest"), new ScriptedChatClient(_ => Reply));
            var busiest = new DateOnly(2030, 1, 1);
            var sixty = model.GetRequiredService<PaperStore>().Search(new SearchRequest("model", 60)).Select(h => h.Paper with { FeaturedOn = busiest }).ToList();
            dayServices.GetRequiredService<PaperStore>().Ingest("bench", "bench-day", sixty, DateTimeOffset.UnixEpoch);
            var digest = dayServices.GetRequiredService<DayDigest>();
            var first = await digest.SummarizeAsync(new DigestRequest(busiest));
            var cached = new Samples();
            for (var i = 0; i < 20 * rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                var again = await digest.SummarizeAsync(new DigestRequest(busiest));
                cached.Add(watch.Elapsed);
                if (!again.Cached)
                {
                    Console.Error.WriteLine("error: the second digest request was not served from the cache");
                    return 3;
                }
            }

            var extractiveDigest = new Samples();
            for (var i = 0; i < 20 * rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                await digest.SummarizeAsync(new DigestRequest(busiest, NoModel: true));
                extractiveDigest.Add(watch.Elapsed);
            }

            Print("extractive ask (whole pipeline)", ask);
            Print("  of which retrieval", retrieval);
            Print("model ask with an instant model (whole pipeline)", modelAsk);
            Print("model ask overhead (total - retrieval - generation)", overhead);
            Print($"digest of a {first.PaperCount}-paper day, cached", cached);
            Print($"extractive digest of a {first.PaperCount}-paper day", extractiveDigest);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        async Task Run(Answerer answerer, Action<AnswerResult, TimeSpan> record)
        {
            foreach (var question in questions)
            {
                await answerer.AskAsync(new AnswerRequest(question.Question));
            }

            for (var round = 0; round < rounds; round++)
            {
                foreach (var question in questions)
                {
                    var watch = Stopwatch.StartNew();
                    var result = await answerer.AskAsync(new AnswerRequest(question.Question));
                    record(result, watch.Elapsed);
                }
            }
        }
    }

    private static void Print(string name, Samples timings) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-48} n={timings.Count,4}  mean {timings.Mean,8:0.00} ms  p50 {timings.Percentile(50),8:0.00} ms  p95 {timings.Percentile(95),8:0.00} ms  max {timings.Max,8:0.00} ms"));
}
