using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// The model outputs worth keeping between runs: one gist per paper and model, one digest per day (or week, month,
/// range of days) and model, valid while the papers of those days hash the same.
/// </summary>
public sealed class DigestStore(PaperStore store)
{
    public string? Gist(string paperId, string model)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT g.gist FROM paper_gists g JOIN papers p ON p.pid = g.pid WHERE p.id = $id AND g.model = $model";
        command.Parameters.AddWithValue("$id", paperId);
        command.Parameters.AddWithValue("$model", model);
        return command.ExecuteScalar() as string;
    }

    public void SaveGist(string paperId, string model, string gist)
    {
        if (store.IsReadOnly)
        {
            return; // a cache: a read-only index answers without keeping it
        }

        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO paper_gists(pid, model, gist) SELECT pid, $model, $gist FROM papers WHERE id = $id";
        command.Parameters.AddWithValue("$id", paperId);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$gist", gist);
        command.ExecuteNonQuery();
    }

    /// <summary>The stored digest of <paramref name="day"/> when it was written for papers with this <paramref name="papersHash"/>.</summary>
    public string? Digest(DateOnly day, string model, string papersHash) =>
        Digest(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), model, papersHash);

    /// <summary>
    /// The stored digest under <paramref name="key"/> (a day, "2026-W12", "2026-03", "2026-03-02 to 2026-03-08") when it
    /// was written for papers with this <paramref name="papersHash"/>.
    /// </summary>
    public string? Digest(string key, string model, string papersHash)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT digest FROM day_digests WHERE day = $day AND model = $model AND papers_hash = $hash";
        command.Parameters.AddWithValue("$day", key);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$hash", papersHash);
        return command.ExecuteScalar() as string;
    }

    public void SaveDigest(DateOnly day, string model, string papersHash, string digest, DateTimeOffset createdAt) =>
        SaveDigest(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), model, papersHash, digest, createdAt);

    /// <summary>Stores the digest of a day or a period under its key (<see cref="Digest(string, string, string)"/>), replacing an older one.</summary>
    public void SaveDigest(string key, string model, string papersHash, string digest, DateTimeOffset createdAt)
    {
        if (store.IsReadOnly)
        {
            return; // a cache: a read-only index summarizes without keeping it
        }

        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO day_digests(day, model, papers_hash, digest, created_at)
            VALUES ($day, $model, $hash, $digest, $at)
            """;
        command.Parameters.AddWithValue("$day", key);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$hash", papersHash);
        command.Parameters.AddWithValue("$digest", digest);
        command.Parameters.AddWithValue("$at", createdAt.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// What a day's digest depends on: its papers' ids and abstract lengths, in the day's order. A paper added,
    /// removed or given a longer abstract (a merge with a richer record) changes the hash, and so does a new
    /// order (upvotes changed): the digest cites papers by their position in that order.
    /// </summary>
    public static string PapersHash(IEnumerable<Paper> papers)
    {
        var key = string.Join('\n', papers.Select(p => $"{p.Id}:{p.Abstract.Length}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
