using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// The abstract embeddings kept in the paper_vectors table: which papers still need one for a model, storing new
/// ones, and reading them all back for the in-memory search.
/// </summary>
public sealed class PaperVectorStore(PaperStore store)
{
    /// <summary>The papers that have no vector from <paramref name="model"/> yet, with the text to embed.</summary>
    public IReadOnlyList<PaperText> MissingFor(string model)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.pid, p.title, p.abstract FROM papers p
            WHERE NOT EXISTS (SELECT 1 FROM paper_vectors v WHERE v.pid = p.pid AND v.model = $model)
            ORDER BY p.pid
            """;
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        var missing = new List<PaperText>();
        while (reader.Read())
        {
            missing.Add(new PaperText(reader.GetInt64(0), reader.GetString(1) + "\n" + reader.GetString(2)));
        }

        return missing;
    }

    /// <summary>Stores (or replaces) vectors in one transaction.</summary>
    public void Save(string model, IReadOnlyList<(long Pid, float[] Vector)> vectors)
    {
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO paper_vectors(pid, model, dim, vector) VALUES ($pid, $model, $dim, $vector)";
        var pid = command.Parameters.Add("$pid", SqliteType.Integer);
        command.Parameters.AddWithValue("$model", model);
        var dim = command.Parameters.Add("$dim", SqliteType.Integer);
        var blob = command.Parameters.Add("$vector", SqliteType.Blob);
        foreach (var (id, vector) in vectors)
        {
            pid.Value = id;
            dim.Value = vector.Length;
            blob.Value = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>How many vectors <paramref name="model"/> has and the largest pid: changes whenever vectors are added or papers removed.</summary>
    public (long Count, long MaxPid) Version(string model)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(max(pid), 0) FROM paper_vectors WHERE model = $model";
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Every vector of <paramref name="model"/> with its paper's days, as one contiguous matrix.</summary>
    public VectorMatrix Load(string model)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v.pid, v.dim, v.vector,
                   (SELECT group_concat(d.day, ' ') FROM (SELECT day FROM paper_days WHERE pid = v.pid ORDER BY day) d)
            FROM paper_vectors v WHERE v.model = $model ORDER BY v.pid
            """;
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        var pids = new List<long>();
        var days = new List<DateOnly[]>();
        var values = new List<float>();
        var dimension = 0;
        while (reader.Read())
        {
            var dim = reader.GetInt32(1);
            if (dimension == 0)
            {
                dimension = dim;
            }
            else if (dim != dimension)
            {
                // A model whose output size changed under the same name: those vectors are re-embedded later.
                continue;
            }

            pids.Add(reader.GetInt64(0));
            days.Add(reader.IsDBNull(3) ? [] : [.. reader.GetString(3).Split(' ').Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
            values.AddRange(MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(2)).ToArray());
        }

        return new VectorMatrix(dimension, [.. pids], [.. days], [.. values]);
    }
}
