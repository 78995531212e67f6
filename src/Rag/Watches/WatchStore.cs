using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Watches;

/// <summary>The watches in the index: add, read, remove, mute, and the weights feedback moves.</summary>
public sealed class WatchStore(PaperStore store, PaperLookup lookup)
{
    /// <summary>Letters and digits that cannot be misread for one another (no 0/o, 1/l/i).</summary>
    private const string IdAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private const int IdLength = 4;

    /// <summary>A topic longer than this is a pasted text, not a topic.</summary>
    public const int MaxTopicLength = 300;

    /// <summary>Watches one owner may keep: each costs a search per sync.</summary>
    public const int MaxPerOwner = 25;

    private const string Columns = "id, owner_kind, owner_id, guild_id, topic, must, exclude, authors, organizations, weights, muted, after_pid, created_at";

    /// <summary>
    /// Adds a watch. A misspelled topic word is stored as the word the papers write (<see cref="QuestionSpelling"/>):
    /// a watch lasts, and a word no paper contains would never match; the watch returned shows the topic as read.
    /// </summary>
    public Watch Add(WatchRequest request, DateTimeOffset now)
    {
        var topic = QuestionSpelling.Correct(request.Topic.Trim(), store).Text;
        if (topic.Length == 0)
        {
            throw new UserInputException("a watch needs a topic in plain words, e.g. \"making LLM agents use tools reliably\"");
        }

        if (topic.Length > MaxTopicLength)
        {
            throw new UserInputException($"the topic is {topic.Length} characters; a watch's topic has at most {MaxTopicLength}");
        }

        if (WatchTerms.Initial(lookup, topic).Count == 0 && request.Authors.Count == 0 && request.Organizations.Count == 0)
        {
            throw new UserInputException($"the topic \"{topic}\" has no words to look for (only common words); describe it in a few more words");
        }

        store.EnsureWritable();
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        if (List(request.Owner, connection, transaction).Count >= MaxPerOwner)
        {
            throw new UserInputException($"at most {MaxPerOwner} watches per owner; remove one first");
        }

        var watch = new Watch
        {
            Id = NewId(connection, transaction),
            Owner = request.Owner,
            Topic = topic,
            Must = Clean(request.Must),
            Exclude = Clean(request.Exclude),
            Authors = Clean(request.Authors),
            Organizations = Clean(request.Organizations),
            AfterPid = NewestPid(connection, transaction),
            CreatedAt = now,
        };
        using var command = Command(connection, transaction, $"""
            INSERT INTO watches({Columns})
            VALUES ($id, $kind, $owner, $guild, $topic, $must, $exclude, $authors, $orgs, NULL, 0, $after, $at)
            """);
        command.Parameters.AddWithValue("$id", watch.Id);
        command.Parameters.AddWithValue("$kind", watch.Owner.KindName);
        command.Parameters.AddWithValue("$owner", watch.Owner.Id);
        command.Parameters.AddWithValue("$guild", (object?)watch.Owner.GuildId ?? DBNull.Value);
        command.Parameters.AddWithValue("$topic", watch.Topic);
        command.Parameters.AddWithValue("$must", List(watch.Must));
        command.Parameters.AddWithValue("$exclude", List(watch.Exclude));
        command.Parameters.AddWithValue("$authors", List(watch.Authors));
        command.Parameters.AddWithValue("$orgs", List(watch.Organizations));
        command.Parameters.AddWithValue("$after", watch.AfterPid);
        command.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        transaction.Commit();
        return watch;
    }

    public Watch? Get(string id)
    {
        using var connection = store.Open();
        using var command = Command(connection, null, $"SELECT {Columns} FROM watches WHERE id = $id");
        command.Parameters.AddWithValue("$id", id.Trim().ToLowerInvariant());
        return Read(command).FirstOrDefault();
    }

    /// <summary>The watches of one owner, oldest first.</summary>
    public IReadOnlyList<Watch> List(WatchOwner owner)
    {
        using var connection = store.Open();
        return List(owner, connection, null);
    }

    /// <summary>Every watch that is not muted: what a sync matches.</summary>
    public IReadOnlyList<Watch> Active()
    {
        using var connection = store.Open();
        using var command = Command(connection, null, $"SELECT {Columns} FROM watches WHERE muted = 0 ORDER BY created_at, id");
        return Read(command);
    }

    /// <summary>The watches of Discord users and of the channels of one server (for autocomplete and listing).</summary>
    public IReadOnlyList<Watch> InGuild(string guildId)
    {
        using var connection = store.Open();
        using var command = Command(connection, null, $"SELECT {Columns} FROM watches WHERE guild_id = $guild ORDER BY created_at, id");
        command.Parameters.AddWithValue("$guild", guildId);
        return Read(command);
    }

    /// <summary>Removes the watch with its history; false when there is none by that id.</summary>
    public bool Remove(string id)
    {
        store.EnsureWritable();
        using var connection = store.Open();
        using var command = Command(connection, null, "DELETE FROM watches WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() > 0;
    }

    public void SetMuted(string id, bool muted)
    {
        store.EnsureWritable();
        using var connection = store.Open();
        using var command = Command(connection, null, "UPDATE watches SET muted = $muted WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$muted", muted ? 1 : 0);
        command.ExecuteNonQuery();
    }

    /// <summary>Stores a watch's weights as read back later (four decimals); returns them.</summary>
    internal static Dictionary<string, double> SaveWeights(SqliteConnection connection, SqliteTransaction transaction, string id, IReadOnlyDictionary<string, double> weights)
    {
        var rounded = Rounded(weights);
        using var command = Command(connection, transaction, "UPDATE watches SET weights = $weights WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$weights", JsonSerializer.Serialize(rounded, WatchesJsonContext.Default.DictionaryStringDouble));
        command.ExecuteNonQuery();
        return rounded;
    }

    internal static Watch? Get(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        using var command = Command(connection, transaction, $"SELECT {Columns} FROM watches WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        return Read(command).FirstOrDefault();
    }

    private static List<Watch> List(WatchOwner owner, SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, transaction, $"SELECT {Columns} FROM watches WHERE owner_kind = $kind AND owner_id = $owner ORDER BY created_at, id");
        command.Parameters.AddWithValue("$kind", owner.KindName);
        command.Parameters.AddWithValue("$owner", owner.Id);
        return Read(command);
    }

    private static long NewestPid(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, "SELECT coalesce(max(pid), 0) FROM papers");
        return (long)command.ExecuteScalar()!;
    }

    private static string NewId(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var exists = Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM watches WHERE id = $id)");
        var parameter = exists.Parameters.Add("$id", SqliteType.Text);
        while (true)
        {
            var id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
            parameter.Value = id;
            if ((long)exists.ExecuteScalar()! == 0)
            {
                return id;
            }
        }
    }

    private static List<Watch> Read(SqliteCommand command)
    {
        var watches = new List<Watch>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            watches.Add(new Watch
            {
                Id = reader.GetString(0),
                Owner = new WatchOwner(WatchOwner.ParseKind(reader.GetString(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)),
                Topic = reader.GetString(4),
                Must = ReadList(reader.GetString(5)),
                Exclude = ReadList(reader.GetString(6)),
                Authors = ReadList(reader.GetString(7)),
                Organizations = ReadList(reader.GetString(8)),
                Tuned = reader.IsDBNull(9) ? null : JsonSerializer.Deserialize(reader.GetString(9), WatchesJsonContext.Default.DictionaryStringDouble),
                Muted = reader.GetInt64(10) != 0,
                AfterPid = reader.GetInt64(11),
                CreatedAt = DateTimeOffset.Parse(reader.GetString(12), CultureInfo.InvariantCulture),
            });
        }

        return watches;
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    internal static string List(IEnumerable<string> items) => JsonSerializer.Serialize([.. items], WatchesJsonContext.Default.StringArray);

    internal static string[] ReadList(string json) => JsonSerializer.Deserialize(json, WatchesJsonContext.Default.StringArray) ?? [];

    private static Dictionary<string, double> Rounded(IReadOnlyDictionary<string, double> weights) =>
        weights.ToDictionary(w => w.Key, w => Math.Round(w.Value, 4), StringComparer.Ordinal);

    private static string[] Clean(IReadOnlyList<string> items) =>
        [.. items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}
