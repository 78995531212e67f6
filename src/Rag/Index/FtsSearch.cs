using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// One keyword search over the FTS5 index, ranked by bm25 with the title weighted above the abstract.
/// <para>
/// bm25 scores every matching row (about a microsecond each) and, per query term, reads the term's whole
/// doclist to count its documents. A query of common words would therefore touch a large part of a big index.
/// The plan bounds that work with the terms' document frequencies (<see cref="TermStatistics"/>):
/// </para>
/// <list type="bullet">
/// <item>words in more than half of the papers are dropped while rarer words remain (FTS5 clamps their idf to
/// almost zero, so they hardly change the ranking);</item>
/// <item>when the remaining words match few papers in all, any of them may match (OR), ranked exactly;</item>
/// <item>otherwise papers must contain all of them (AND), the most frequent words are left out of the expression
/// until their doclists are cheap to read, and if even then the rarest word alone matches too many papers, only
/// the newest are ranked; the rarest words in OR then fill any places left.</item>
/// </list>
/// </summary>
internal sealed class FtsSearch(SqliteConnection connection, TermCache terms)
{
    /// <summary>Title matches count ten times an abstract match.</summary>
    public const string Bm25 = "bm25(papers_fts, 10.0, 1.0)";

    /// <summary>At most about this many rows are scored by bm25.</summary>
    internal const long ScoredRowsBudget = 20_000;

    /// <summary>At most this many rows are scored when papers must contain all the words; beyond, only the newest.</summary>
    internal const long AndScoredRowsBudget = 10_000;

    /// <summary>At most about this many doclist entries are read to compute the expression's idf values.</summary>
    internal const long DoclistBudget = 150_000;

    private IReadOnlyCollection<string> _stems = [];

    public IReadOnlyList<SearchHit> Run(SearchRequest request)
    {
        var plan = Plan(request.Query);
        if (plan is null)
        {
            return [];
        }

        var top = Math.Clamp(request.Top, 1, SearchRequest.MaxTop);
        // A day range already restricts the rows; the newest-papers window would only hide the range's papers.
        var window = request.From is null && request.To is null ? plan.MinRowId : null;
        var hits = Execute(plan.Primary, window, request, top, exclude: null);
        if (hits.Count < top && plan.Fallback is not null)
        {
            var found = hits.Select(h => h.Pid).ToHashSet();
            hits.AddRange(Execute(plan.Fallback, null, request, top - hits.Count, found));
        }

        return hits;
    }

    /// <summary>
    /// The papers that match any of <paramref name="phrases"/>, ranked by bm25. FTS5's bm25 is a sum over the
    /// phrases of the expression, so a phrase written twice counts twice: that is how a phrase's weight is given.
    /// No plan is made: the caller keeps to words that are not in most papers.
    /// </summary>
    public IReadOnlyList<SearchHit> RunWeighted(IReadOnlyList<WeightedPhrase> phrases, int top, DateOnly? from = null, DateOnly? to = null)
    {
        var parts = phrases.Where(p => p.Words.Count > 0 && p.Weight > 0).ToList();
        if (parts.Count == 0)
        {
            return [];
        }

        _stems = terms.Lookup(connection, [.. parts.SelectMany(p => p.Words).Distinct(StringComparer.Ordinal)]).Terms.Select(t => t.Stem).ToList();
        var expression = string.Join(" OR ", parts.SelectMany(p => Enumerable.Repeat(QueryTerms.Phrase(p.Words), p.Weight)));
        var size = Math.Clamp(top, 1, SearchRequest.MaxTop);
        return Execute(expression, null, new SearchRequest("", size, from, to), size, exclude: null);
    }

    /// <summary>The plan for <paramref name="query"/>, or null when it has no searchable words.</summary>
    internal SearchPlan? Plan(string query)
    {
        var words = QueryTerms.Extract(query);
        if (words.Count == 0)
        {
            return null;
        }

        var (known, looked) = terms.Lookup(connection, words);
        var papers = Math.Max(1, known);
        // With statistics, a word no paper contains can only empty an AND: leave it out (it matches nothing in OR
        // either). Without statistics (never computed), every count is 0 and the plan falls back to a plain OR.
        var ranked = looked.DistinctBy(t => t.Stem).Where(t => known == 0 || t.Docs > 0).OrderBy(t => t.Docs).ToList();
        if (ranked.Count == 0)
        {
            return null;
        }

        _stems = ranked.Select(t => t.Stem).ToList();
        var informative = ranked.Where(t => t.Docs * 2 <= papers).ToList();
        var kept = informative.Count > 0 ? informative : ranked.Take(1).ToList();
        if (kept.Sum(t => t.Docs) <= ScoredRowsBudget)
        {
            return new SearchPlan(QueryTerms.AnyOf(kept.Select(t => t.Word)), null, null);
        }

        // Rarest first: keep words while their doclists stay cheap to read; always keep the rarest one.
        var anded = new List<QueryTerm>();
        foreach (var term in kept)
        {
            if (anded.Count == 0 || anded.Sum(t => t.Docs) + term.Docs <= DoclistBudget)
            {
                anded.Add(term);
            }
        }

        // Words of one topic occur together ("neural network"), so the product of their frequencies can
        // underestimate the AND by orders of magnitude; the rarest word's count is a bound that always holds.
        var maxMatches = anded.Min(t => t.Docs);
        long? minRowId = maxMatches > AndScoredRowsBudget
            ? MaxRowId() - (long)((double)papers * AndScoredRowsBudget / maxMatches)
            : null;
        var rare = new List<string>();
        var rareDocs = 0L;
        foreach (var term in kept.TakeWhile(t => (rareDocs += t.Docs) <= ScoredRowsBudget))
        {
            rare.Add(term.Word);
        }

        return new SearchPlan(QueryTerms.AllOf(anded.Select(t => t.Word)), minRowId, rare.Count > 0 ? QueryTerms.AnyOf(rare) : null);
    }

    private List<SearchHit> Execute(string expression, long? minRowId, SearchRequest request, int top, HashSet<long>? exclude)
    {
        // Rank inside FTS5 first and join only the rows kept: SQLite computes the result columns of every row
        // it sorts, and a join there would read every matching paper.
        using var command = connection.CreateCommand();
        var window = minRowId is null ? "" : "AND rowid > $min";
        var days = request.From is null && request.To is null ? "" : "AND rowid IN (SELECT pid FROM paper_days WHERE day BETWEEN $from AND $to)";
        var excluded = exclude is null || exclude.Count == 0 ? "" : $"AND rowid NOT IN ({string.Join(',', exclude)})";
        command.CommandText = $"""
            SELECT {PaperRow.Columns}, -ranked.score
            FROM (SELECT rowid, {Bm25} AS score FROM papers_fts
                  WHERE papers_fts MATCH $query {window} {days} {excluded} ORDER BY score LIMIT $top) AS ranked
            JOIN papers p ON p.pid = ranked.rowid
            ORDER BY ranked.score
            """;
        command.Parameters.AddWithValue("$query", expression);
        command.Parameters.AddWithValue("$top", top);
        command.Parameters.AddWithValue("$min", minRowId ?? 0);
        command.Parameters.AddWithValue("$from", PaperRow.FormatDate(request.From) ?? "0000-01-01");
        command.Parameters.AddWithValue("$to", PaperRow.FormatDate(request.To) ?? "9999-12-31");
        using var reader = command.ExecuteReader();
        var hits = new List<SearchHit>();
        while (reader.Read())
        {
            var (pid, paper) = PaperRow.Read(reader);
            hits.Add(new SearchHit(pid, paper, reader.GetDouble(PaperRow.ColumnCount), Snippet.Make(paper.Abstract, _stems)));
        }

        return hits;
    }

    private long MaxRowId()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(pid), 0) FROM papers";
        return (long)command.ExecuteScalar()!;
    }
}
