using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// One keyword search over the FTS5 index, ranked by bm25 with the title weighted above the abstract.
/// <para>
/// bm25 must score every matching row before it can rank them, so a query of very common words would scan a
/// large part of a big index. The plan keeps that bounded using each term's document frequency (from the
/// fts5vocab table): words that occur in more than half the papers are dropped while rarer words remain
/// (FTS5 clamps their idf to almost zero, so they barely change the ranking anyway), and when the remaining
/// words still match too many rows in OR, papers must contain all of them.
/// </para>
/// </summary>
internal sealed class FtsSearch(SqliteConnection connection)
{
    /// <summary>Title matches count ten times an abstract match.</summary>
    public const string Bm25 = "bm25(papers_fts, 10.0, 1.0)";

    /// <summary>Above this many candidate rows an OR query becomes an AND query.</summary>
    internal const long OrBudget = 40_000;

    public IReadOnlyList<SearchHit> Run(SearchRequest request)
    {
        var expression = Plan(request.Query);
        if (expression is null)
        {
            return [];
        }

        var top = Math.Clamp(request.Top, 1, SearchRequest.MaxTop);
        var hits = Execute(expression, request, top);
        return hits;
    }

    /// <summary>The FTS5 expression to run for <paramref name="query"/>, or null when nothing can match.</summary>
    internal string? Plan(string query)
    {
        var terms = QueryTerms.Extract(query);
        if (terms.Count == 0)
        {
            return null;
        }

        // A count of 0 means the vocabulary lookup could not guess the word's stem ("refusal" is stored as "refus"),
        // not that nothing matches: such words are kept as rare ones and FTS5's own stemming decides.
        var frequencies = terms.Select(t => (Term: t, Docs: DocumentFrequency(t))).ToList();
        var total = TotalPapers();
        var informative = frequencies.Where(t => t.Docs * 2 <= total).ToList();
        var kept = informative.Count > 0 ? informative : frequencies;
        if (kept.Sum(t => t.Docs) <= OrBudget)
        {
            return QueryTerms.AnyOf(kept.Select(t => t.Term));
        }

        // In AND, a word that matches nothing would empty the result; keep the words known to match.
        return QueryTerms.AllOf(kept.Where(t => t.Docs > 0).Select(t => t.Term));
    }

    private List<SearchHit> Execute(string expression, SearchRequest request, int top)
    {
        using var command = connection.CreateCommand();
        var dayFilter = request.From is null && request.To is null ? "" : "AND p.day BETWEEN $from AND $to";
        command.CommandText = $"""
            SELECT {PaperRow.Columns}, -{Bm25} AS score, snippet(papers_fts, 1, '**', '**', '…', 24)
            FROM papers_fts JOIN papers p ON p.pid = papers_fts.rowid
            WHERE papers_fts MATCH $query {dayFilter}
            ORDER BY {Bm25} LIMIT $top
            """;
        command.Parameters.AddWithValue("$query", expression);
        command.Parameters.AddWithValue("$top", top);
        command.Parameters.AddWithValue("$from", PaperRow.FormatDate(request.From) ?? "0000-01-01");
        command.Parameters.AddWithValue("$to", PaperRow.FormatDate(request.To) ?? "9999-12-31");
        using var reader = command.ExecuteReader();
        var hits = new List<SearchHit>();
        while (reader.Read())
        {
            var (pid, paper) = PaperRow.Read(reader);
            hits.Add(new SearchHit(pid, paper, reader.GetDouble(PaperRow.ColumnCount), reader.GetString(PaperRow.ColumnCount + 1)));
        }

        return hits;
    }

    private long DocumentFrequency(string term)
    {
        // The vocabulary holds stemmed tokens; ask the index's own tokenizer for the stem through a MATCH on
        // the vocabulary table would cost a scan, so look the term and its usual stems up directly.
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(doc), 0) FROM papers_vocab WHERE term IN ($a, $b, $c)";
        command.Parameters.AddWithValue("$a", term);
        command.Parameters.AddWithValue("$b", term.TrimEnd('s'));
        command.Parameters.AddWithValue("$c", term.Length > 4 && term.EndsWith("ing", StringComparison.Ordinal) ? term[..^3] : term);
        return (long)command.ExecuteScalar()!;
    }

    private long TotalPapers()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM papers";
        return (long)command.ExecuteScalar()!;
    }
}
