using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PaperBot.Rag.Index;

namespace PaperBot.Bench;

/// <summary>
/// Our search (query planning, ranked FTS5 query, join for the paper rows, snippet) against the raw FTS5 query
/// of the same expression on the same database, interleaved query by query so both see the same machine noise.
/// </summary>
internal static class SearchLatency
{
    public static void Measure(PaperStore store, SyntheticCorpus corpus, int count)
    {
        var random = new Random(42);
        var content = corpus.Words.Where(w => !QueryTerms.IsStopWord(w) && w.Length > 2).ToList();
        // Typical queries: 2 to 4 content words, each drawn uniformly from the 5,000 most frequent content words of
        // the sample corpus (a mix of common words like "model" and specific ones like "captioning"). Worst case:
        // only the 12 most frequent content words.
        var typical = Queries(random, content.Take(5000).ToList(), count);
        var frequent = Queries(random, content.Take(12).ToList(), count / 4);
        using var raw = store.Open();
        var terms = new TermCache();
        Report("typical queries", store, raw, terms, typical);
        Report("very frequent terms", store, raw, terms, frequent);
    }

    private static List<string> Queries(Random random, List<string> words, int count) =>
        Enumerable.Range(0, count).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => words[random.Next(words.Count)]))).ToList();

    private static void Report(string label, PaperStore store, SqliteConnection raw, TermCache terms, List<string> queries)
    {
        foreach (var query in queries.Take(20))
        {
            store.Search(new SearchRequest(query));
            RawQuery(raw, new FtsSearch(raw, terms).Plan(query));
        }

        // Ours and the raw query alternate which goes first, so neither always runs on pages the other just
        // warmed; the naive query (slow, and it would evict those pages) runs in a loop of its own.
        var ours = new List<double>();
        var rawTimes = new List<double>();
        var oursCpu = new List<double>();
        var rawCpu = new List<double>();
        var planning = new List<double>();
        var watch = new Stopwatch();
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[i];
            watch.Restart();
            var plan = new FtsSearch(raw, terms).Plan(query);
            planning.Add(watch.Elapsed.TotalMilliseconds);
            for (var turn = 0; turn < 2; turn++)
            {
                var cpu = ThreadCpu.Milliseconds();
                watch.Restart();
                if ((i + turn) % 2 == 0)
                {
                    store.Search(new SearchRequest(query));
                    ours.Add(watch.Elapsed.TotalMilliseconds);
                    oursCpu.Add(ThreadCpu.Milliseconds() - cpu);
                }
                else
                {
                    RawQuery(raw, plan);
                    rawTimes.Add(watch.Elapsed.TotalMilliseconds);
                    rawCpu.Add(ThreadCpu.Milliseconds() - cpu);
                }
            }
        }

        var naive = new List<double>();
        foreach (var query in queries)
        {
            watch.Restart();
            RawQuery(raw, QueryTerms.AnyOf(QueryTerms.Extract(query)), null);
            naive.Add(watch.Elapsed.TotalMilliseconds);
        }

        var o = new Samples(ours);
        var r = new Samples(rawTimes);
        Console.WriteLine($"search, {label} ({queries.Count}): ours {o.Latencies()}; raw FTS5 same expression {r.Latencies()}; ratio p50 {o.Percentile(50) / r.Percentile(50):0.00}x, mean {o.Mean / r.Mean:0.00}x; CPU of the thread p50 ours {new Samples(oursCpu).Percentile(50):0.00} ms, raw {new Samples(rawCpu).Percentile(50):0.00} ms, ratio {new Samples(oursCpu).Percentile(50) / new Samples(rawCpu).Percentile(50):0.00}x; raw naive OR of all words {new Samples(naive).Latencies()}; planning alone {new Samples(planning).Latencies()}");
    }

    /// <summary>The plan's FTS5 queries alone: no planning, no join with the papers, no snippet.</summary>
    private static int RawQuery(SqliteConnection connection, SearchPlan? plan)
    {
        if (plan is null)
        {
            return 0;
        }

        var rows = RawQuery(connection, plan.Primary, plan.MinRowId);
        return rows < 10 && plan.Fallback is not null ? rows + RawQuery(connection, plan.Fallback, null) : rows;
    }

    private static int RawQuery(SqliteConnection connection, string expression, long? minRowId)
    {
        using var command = connection.CreateCommand();
        var window = minRowId is null ? "" : "AND rowid > $min";
        command.CommandText = $"SELECT rowid, {FtsSearch.Bm25} FROM papers_fts WHERE papers_fts MATCH $q {window} ORDER BY {FtsSearch.Bm25} LIMIT 10";
        command.Parameters.AddWithValue("$q", expression);
        command.Parameters.AddWithValue("$min", minRowId ?? 0);
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
        }

        return rows;
    }
}
