using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// Remembers each query word's stem and document frequency between searches: users repeat words, and
/// looking them up (a round trip through a temporary FTS5 table, then the statistics table) costs more than
/// a small query does. Everything is forgotten when the statistics are recomputed.
/// </summary>
internal sealed class TermCache
{
    private const int MaxEntries = 100_000;
    private Generation _current = new(-1, new ConcurrentDictionary<string, QueryTerm>(StringComparer.Ordinal));

    /// <summary>The number of papers the statistics describe, and each word's stem and document frequency.</summary>
    public (long Papers, IReadOnlyList<QueryTerm> Terms) Lookup(SqliteConnection connection, IReadOnlyList<string> words)
    {
        var papers = TermStatistics.Papers(connection);
        var generation = Volatile.Read(ref _current);
        if (generation.Papers != papers || generation.Terms.Count > MaxEntries)
        {
            generation = new Generation(papers, new ConcurrentDictionary<string, QueryTerm>(StringComparer.Ordinal));
            Volatile.Write(ref _current, generation);
        }

        var missing = words.Where(w => !generation.Terms.ContainsKey(w)).ToList();
        if (missing.Count > 0)
        {
            var stems = QueryStemmer.Stem(connection, missing);
            var docs = TermStatistics.Docs(connection, [.. stems.Select(s => s.Stem).Distinct(StringComparer.Ordinal)]);
            foreach (var (word, stem) in stems)
            {
                generation.Terms[word] = new QueryTerm(word, stem, docs.GetValueOrDefault(stem));
            }
        }

        return (papers, words.Select(w => generation.Terms[w]).ToList());
    }

    private sealed record Generation(long Papers, ConcurrentDictionary<string, QueryTerm> Terms);
}

/// <summary>A query word, its stem in the index, and how many papers contain it.</summary>
internal sealed record QueryTerm(string Word, string Stem, long Docs);
