using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>Reads papers by row id and counts documents per term, for retrieval stages beyond keyword search.</summary>
public sealed class PaperLookup(PaperStore store)
{
    /// <summary>The papers with these row ids (unknown ids are skipped).</summary>
    public IReadOnlyDictionary<long, Paper> ByPid(IReadOnlyCollection<long> pids)
    {
        var papers = new Dictionary<long, Paper>();
        if (pids.Count == 0)
        {
            return papers;
        }

        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PaperRow.Columns} FROM papers p WHERE p.pid IN ({string.Join(',', pids)})";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (pid, paper) = PaperRow.Read(reader);
            papers[pid] = paper;
        }

        return papers;
    }

    /// <summary>
    /// In how many papers each term occurs (through the index's own stemming tokenizer), and the total number of
    /// papers: the statistics behind an idf weight.
    /// </summary>
    public (IReadOnlyDictionary<string, long> Documents, long Total) DocumentFrequencies(IEnumerable<string> terms)
    {
        var distinct = terms.Distinct(StringComparer.Ordinal).ToList();
        var (papers, known) = store.TermFrequencies(distinct);
        if (papers > 0)
        {
            return (known.ToDictionary(t => t.Word, t => t.Docs, StringComparer.Ordinal), papers);
        }

        // No statistics yet (papers stored without an ingest batch): count through the index, a scan per word.
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM papers_fts WHERE papers_fts MATCH $term";
        var parameter = command.Parameters.Add("$term", Microsoft.Data.Sqlite.SqliteType.Text);
        var documents = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var term in distinct)
        {
            parameter.Value = QueryTerms.AnyOf([term]);
            documents[term] = (long)command.ExecuteScalar()!;
        }

        using var total = connection.CreateCommand();
        total.CommandText = "SELECT count(*) FROM papers";
        return (documents, (long)total.ExecuteScalar()!);
    }
}
