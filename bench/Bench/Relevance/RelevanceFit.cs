using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Answering.Evaluation;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport;

namespace PaperBot.Bench.Relevance;

/// <summary>
/// `fit-relevance`: refits the relevance decision (<see cref="RelevanceModel"/>) on the tune split of every development
/// set, each over its own index (the sample corpus; the real archive; the archive and the sample corpus for the
/// users' questions), prints how it does on both splits, and writes the fitted numbers to relevance-model.json.
/// Questions about a day are left out: their days decide what they list. The figures printed count the rule that
/// shows a related paper at least as the closest (<see cref="RelevanceEvidence.Related"/>).
/// </summary>
internal static class RelevanceFit
{
    /// <summary>The L2 penalty: a few hundred questions and eight features, so the weights are kept modest.</summary>
    private const double Penalty = 0.01;

    /// <summary>The share of tune questions nobody can answer that may still be answered (the rest get "closest" or "declined").</summary>
    private const double MaxUnanswerableAnswered = 0.10;

    /// <summary>The share of answerable tune questions that must at least get their closest papers shown.</summary>
    private const double MinAnswerableShown = 0.97;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Command()
    {
        var archive = BenchIndex.ArchiveOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the fit without writing relevance-model.json" };
        var command = new Command("fit-relevance", "Refit the relevance decision on the tune split of the development sets") { archive, dryRun };
        command.SetAction((parse, ct) => RunAsync(Path.GetFullPath(parse.GetValue(archive)!), parse.GetValue(dryRun), ct));
        return command;
    }

    private static async Task<int> RunAsync(string archive, bool dryRun, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(archive))
        {
            Console.Error.WriteLine($"error: the archive folder {archive} does not exist; give it with --archive");
            return 2;
        }

        var root = TestPaths.RepoRoot;
        var sets = new (string Name, string File, string[] Corpus)[]
        {
            ("dev", Path.Combine(root, "eval", "dev.jsonl"), [TestPaths.SeedDirectory]),
            ("archive", Path.Combine(root, "eval", "archive.jsonl"), [archive]),
            ("users", Path.Combine(root, "eval", "users-questions.jsonl"), [archive, TestPaths.SeedDirectory]),
        };
        var work = TestPaths.NewScratchFolder("fit-relevance");
        var rows = new List<(string Set, EvalSplit Split, bool Answerable, double[] X, bool Related)>();
        try
        {
            foreach (var (name, file, corpus) in sets)
            {
                using var services = BenchIndex.Services(Path.Combine(work, name));
                new Ingestor(services.GetRequiredService<PaperStore>(), TimeProvider.System).IngestFiles(Ingestor.ExpandPaths(corpus), null, cancellationToken: cancellationToken);
                var retriever = services.GetRequiredService<Retriever>();
                var store = services.GetRequiredService<PaperStore>();
                foreach (var question in EvalSet.Load(file).Where(q => q.From is null && q.To is null))
                {
                    // As the answerer retrieves: misspelled words read first.
                    var retrieval = await retriever.RetrieveAsync(QuestionSpelling.Correct(question.Question, store).Text, null, null, cancellationToken);
                    var evidence = retrieval.Evidence ?? RelevanceEvidence.None;
                    rows.Add((name, question.Split, question.Answerable, evidence.Vector(), evidence.Related));
                }

                Console.WriteLine($"{name}: {rows.Count(r => r.Set == name)} questions over {string.Join(" + ", corpus.Select(Path.GetFileName))}");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }

        var tune = rows.Where(r => r.Split == EvalSplit.Tune).ToList();
        var (weights, intercept) = Fit(tune);
        double P(double[] x) => 1 / (1 + Math.Exp(-(intercept + x.Zip(weights).Sum(p => p.First * p.Second))));
        var answerAt = Grid().First(t => Share(tune.Where(r => !r.Answerable), r => P(r.X) >= t) <= MaxUnanswerableAnswered);
        var closestAt = Grid().Where(t => t <= answerAt).Last(t => Share(tune.Where(r => r.Answerable), r => P(r.X) >= t) >= MinAnswerableShown);
        var model = new RelevanceModel(RelevanceEvidence.Names, [.. weights.Select(w => Math.Round(w, 4))], Math.Round(intercept, 4), answerAt, closestAt);

        Console.WriteLine(string.Join(", ", RelevanceEvidence.Names.Zip(model.Weights).Select(f => $"{f.First} {f.Second:0.###}")) + string.Create(CultureInfo.InvariantCulture, $"; intercept {model.Intercept:0.###}; answer at {answerAt:0.00}, closest at {closestAt:0.00}"));
        foreach (var group in rows.GroupBy(r => (r.Set, r.Split)).OrderBy(g => g.Key.Set, StringComparer.Ordinal).ThenBy(g => g.Key.Split))
        {
            var answerable = group.Where(r => r.Answerable).ToList();
            var unanswerable = group.Where(r => !r.Answerable).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key.Set,-8} {group.Key.Split.ToString().ToLowerInvariant(),-5}  AUC {Auc(answerable.Select(r => P(r.X)), unanswerable.Select(r => P(r.X))),5:0.000}  answerable: answered {Share(answerable, r => P(r.X) >= answerAt),4:P0}, shown {Share(answerable, r => P(r.X) >= closestAt || r.Related),4:P0}  unanswerable: answered {Share(unanswerable, r => P(r.X) >= answerAt),4:P0}, declined {Share(unanswerable, r => P(r.X) < closestAt && !r.Related),4:P0}"));
        }

        if (!dryRun)
        {
            var path = Path.Combine(root, "src", "Rag", "Answering", "Retrieval", "relevance-model.json");
            File.WriteAllText(path, JsonSerializer.Serialize(model, Indented) + "\n");
            Console.WriteLine($"wrote {path}");
        }

        return 0;
    }

    /// <summary>Logistic regression by gradient descent, each class weighted to half the loss (there are few unanswerable questions).</summary>
    private static (double[] Weights, double Intercept) Fit(List<(string Set, EvalSplit Split, bool Answerable, double[] X, bool Related)> rows)
    {
        var features = rows[0].X.Length;
        var w = new double[features];
        var b = 0.0;
        var positives = rows.Count(r => r.Answerable);
        var classWeight = (Positive: rows.Count / (2.0 * positives), Negative: rows.Count / (2.0 * (rows.Count - positives)));
        for (var iteration = 0; iteration < 5000; iteration++)
        {
            var gradient = new double[features];
            var gradientB = 0.0;
            foreach (var (_, _, answerable, x, _) in rows)
            {
                var p = 1 / (1 + Math.Exp(-(b + x.Zip(w).Sum(f => f.First * f.Second))));
                var error = (p - (answerable ? 1 : 0)) * (answerable ? classWeight.Positive : classWeight.Negative);
                for (var i = 0; i < features; i++)
                {
                    gradient[i] += error * x[i];
                }

                gradientB += error;
            }

            for (var i = 0; i < features; i++)
            {
                w[i] -= 0.5 * ((gradient[i] / rows.Count) + (Penalty * w[i]));
            }

            b -= 0.5 * gradientB / rows.Count;
        }

        return (w, b);
    }

    private static IEnumerable<double> Grid() => Enumerable.Range(5, 91).Select(i => i / 100.0);

    private static double Share<T>(IEnumerable<T> items, Func<T, bool> predicate)
    {
        var list = items.ToList();
        return list.Count == 0 ? 0 : list.Count(predicate) / (double)list.Count;
    }

    private static double Auc(IEnumerable<double> positives, IEnumerable<double> negatives)
    {
        var pos = positives.ToList();
        var neg = negatives.ToList();
        return pos.Count == 0 || neg.Count == 0 ? double.NaN
            : pos.Sum(p => neg.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0)) / (pos.Count * (double)neg.Count);
    }
}
