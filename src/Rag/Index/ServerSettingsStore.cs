using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>Per-server settings in the index (the <c>guild_settings</c> table: one row per server and key).</summary>
public sealed class ServerSettingsStore(PaperStore store)
{
    private const string DigestChannels = "digest_channels";
    private const string DigestTime = "digest_time";
    private const string TimeZone = "time_zone";
    private const string LastRunDay = "last_run_day";
    private const string DigestedDay = "digested_day";

    public ServerSettings Get(string serverId)
    {
        using var connection = store.Open();
        return Read(connection, serverId);
    }

    /// <summary>Every server with a setting, by id.</summary>
    public IReadOnlyList<ServerSettings> All()
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT guild_id FROM guild_settings ORDER BY guild_id";
        var ids = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        return [.. ids.Select(id => Read(connection, id))];
    }

    public void Save(ServerSettings settings)
    {
        store.EnsureWritable();
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        Write(connection, transaction, settings.ServerId, DigestChannels,
            settings.DigestChannels.Count == 0 ? null : JsonSerializer.Serialize([.. settings.DigestChannels], IndexJsonContext.Default.StringArray));
        Write(connection, transaction, settings.ServerId, DigestTime, settings.DigestTime?.ToString("HH:mm", CultureInfo.InvariantCulture));
        Write(connection, transaction, settings.ServerId, TimeZone, settings.TimeZone);
        Write(connection, transaction, settings.ServerId, LastRunDay, PaperRow.FormatDate(settings.LastRunDay));
        Write(connection, transaction, settings.ServerId, DigestedDay, PaperRow.FormatDate(settings.DigestedDay));
        transaction.Commit();
    }

    private static ServerSettings Read(SqliteConnection connection, string serverId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM guild_settings WHERE guild_id = $guild";
        command.Parameters.AddWithValue("$guild", serverId);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return new ServerSettings(serverId)
        {
            DigestChannels = values.TryGetValue(DigestChannels, out var channels) ? JsonSerializer.Deserialize(channels, IndexJsonContext.Default.StringArray) ?? [] : [],
            DigestTime = values.TryGetValue(DigestTime, out var time) ? TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture) : null,
            TimeZone = values.GetValueOrDefault(TimeZone),
            LastRunDay = values.TryGetValue(LastRunDay, out var day) ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            DigestedDay = values.TryGetValue(DigestedDay, out var digested) ? DateOnly.ParseExact(digested, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>Sets <paramref name="key"/>, or removes it for a null value (the default applies again).</summary>
    private static void Write(SqliteConnection connection, SqliteTransaction transaction, string serverId, string key, string? value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = value is null
            ? "DELETE FROM guild_settings WHERE guild_id = $guild AND key = $key"
            : "INSERT OR REPLACE INTO guild_settings(guild_id, key, value) VALUES ($guild, $key, $value)";
        command.Parameters.AddWithValue("$guild", serverId);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
