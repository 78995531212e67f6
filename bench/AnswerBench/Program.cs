using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.AnswerBench;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Answering.Evaluation;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Hosting;
using PaperBot.Rag.Index;

// Times the answering pipeline in one process over the sample corpus and the development questions:
//   extractive ask per question, the pipeline's own overhead around retrieval and generation (with a model
//   that answers instantly), and a cached day digest. Usage: dotnet run -c Release --project bench/AnswerBench [-- ROUNDS]
var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var root = ContentRoot.Find();
var work = Path.Combine(Path.GetTempPath(), "paperbot-answerbench-" + Environment.ProcessId);
var questions = EvalSet.Load(Path.Combine(root, "eval", "dev.jsonl"));

using var extractive = Services(root, work, "extractive", chat: null);
using var model = Services(root, work, "model", new InstantChatClient());
var seed = Stopwatch.StartNew();
var report = new Ingestor(extractive.GetRequiredService<PaperStore>(), TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([Path.Combine(root, "data", "seed")]), null);
new Ingestor(model.GetRequiredService<PaperStore>(), TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([Path.Combine(root, "data", "seed")]), null);
Console.WriteLine($"Indexed {report.Added} papers twice in {seed.ElapsedMilliseconds} ms; {questions.Count} questions, {rounds} rounds after one warm-up round.");

var ask = new Measurements("extractive ask (whole pipeline)");
var retrieval = new Measurements("  of which retrieval");
await Run(extractive.GetRequiredService<Answerer>(), (result, elapsed) =>
{
    ask.Add(elapsed);
    retrieval.Add(result.Timings.Retrieval);
});

var overhead = new Measurements("model ask overhead (total - retrieval - generation)");
var modelAsk = new Measurements("model ask with an instant model (whole pipeline)");
await Run(model.GetRequiredService<Answerer>(), (result, elapsed) =>
{
    modelAsk.Add(elapsed);
    overhead.Add(elapsed - result.Timings.Retrieval - result.Timings.Generation);
});

// The sample corpus has at most two papers a day; a busy Daily Papers day has about 60, so the digest is
// timed on a day made of 60 sample papers in a store of their own.
using var dayServices = Services(root, work, "digest", new InstantChatClient());
var busiest = new DateOnly(2030, 1, 1);
var sixty = model.GetRequiredService<PaperStore>().Search(new SearchRequest("model", 60)).Select(h => h.Paper with { FeaturedOn = busiest }).ToList();
dayServices.GetRequiredService<PaperStore>().Ingest("bench", "bench-day", sixty, DateTimeOffset.UnixEpoch);
var digest = dayServices.GetRequiredService<DayDigest>();
var first = await digest.SummarizeAsync(new DigestRequest(busiest));
var cached = new Measurements($"digest of a {first.PaperCount}-paper day, cached");
for (var i = 0; i < 20 * rounds; i++)
{
    var watch = Stopwatch.StartNew();
    var again = await digest.SummarizeAsync(new DigestRequest(busiest));
    cached.Add(watch.Elapsed);
    if (!again.Cached)
    {
        throw new InvalidOperationException("the second digest request was not served from the cache");
    }
}

var extractiveDigest = new Measurements($"extractive digest of a {first.PaperCount}-paper day");
for (var i = 0; i < 20 * rounds; i++)
{
    var watch = Stopwatch.StartNew();
    await digest.SummarizeAsync(new DigestRequest(busiest, NoModel: true));
    extractiveDigest.Add(watch.Elapsed);
}

foreach (var line in new[] { ask, retrieval, modelAsk, overhead, cached, extractiveDigest })
{
    Console.WriteLine(line);
}

Directory.Delete(work, recursive: true);
return;

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

static ServiceProvider Services(string root, string work, string name, IChatClient? chat)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Data:Directory"] = Path.Combine(work, name),
    }).Build();
    var services = new ServiceCollection().AddLogging();
    if (chat is not null)
    {
        services.AddSingleton(chat);
    }

    return services.AddPaperBotIndex(configuration, root).AddPaperBotAnswering(configuration).BuildServiceProvider();
}
