using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Watches;

/// <summary>
/// The delivery ledger: which papers each watch was told about, in which alert, and which parts of each alert
/// Discord acknowledged. <see cref="Decide"/> writes an alert and its deliveries in one transaction, skipping the
/// papers the watch already had, so a paper reaches a watch at most once however often a day is synced, and by
/// however many processes at once (the bot's schedule and a <c>paperbot sync</c>).
/// </summary>
public sealed class WatchLedger(PaperStore store, PaperLookup lookup)
{
    /// <summary>
    /// Records an alert per watch for the matches it was not told about yet, and returns those alerts (a watch
    /// with nothing new gets none). With <paramref name="delivered"/> (the local user: printing is the delivery)
    /// the alerts are complete at once.
    /// </summary>
    public IReadOnlyList<WatchAlert> Decide(IReadOnlyList<(Watch Watch, IReadOnlyList<WatchMatch> Matches)> decisions, DateTimeOffset now, bool delivered = false)
    {
        store.EnsureWritable();
        var at = now.ToString("O", CultureInfo.InvariantCulture);
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        using var alert = WatchStore.Command(connection, transaction,
            "INSERT INTO watch_alerts(watch_id, nonce, created_at, delivered_at) VALUES ($watch, $nonce, $at, $delivered) RETURNING alert_id");
        using var delivery = WatchStore.Command(connection, transaction, """
            INSERT INTO watch_deliveries(watch_id, pid, alert_id, position, reason) VALUES ($watch, $pid, $alert, $position, $reason)
            ON CONFLICT DO NOTHING
            """);
        using var drop = WatchStore.Command(connection, transaction, "DELETE FROM watch_alerts WHERE alert_id = $alert");
        var alerts = new List<WatchAlert>();
        foreach (var (watch, matches) in decisions.Where(d => d.Matches.Count > 0))
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(11));
            alert.Parameters.Clear();
            alert.Parameters.AddWithValue("$watch", watch.Id);
            alert.Parameters.AddWithValue("$nonce", nonce);
            alert.Parameters.AddWithValue("$at", at);
            alert.Parameters.AddWithValue("$delivered", delivered ? at : DBNull.Value);
            var alertId = (long)alert.ExecuteScalar()!;
            var fresh = new List<WatchMatch>();
            foreach (var match in matches)
            {
                delivery.Parameters.Clear();
                delivery.Parameters.AddWithValue("$watch", watch.Id);
                delivery.Parameters.AddWithValue("$pid", match.Pid);
                delivery.Parameters.AddWithValue("$alert", alertId);
                delivery.Parameters.AddWithValue("$position", fresh.Count);
                delivery.Parameters.AddWithValue("$reason", match.Reason);
                if (delivery.ExecuteNonQuery() > 0)
                {
                    fresh.Add(match);
                }
            }

            if (fresh.Count == 0)
            {
                drop.Parameters.Clear();
                drop.Parameters.AddWithValue("$alert", alertId);
                drop.ExecuteNonQuery();
                continue;
            }

            alerts.Add(new WatchAlert(alertId, watch, nonce, fresh, new HashSet<int>()));
        }

        transaction.Commit();
        return alerts;
    }

    /// <summary>The alerts not yet delivered in full, oldest first, with the parts Discord already acknowledged.</summary>
    public IReadOnlyList<WatchAlert> Pending()
    {
        using var connection = store.Open();
        var rows = new List<(long Id, string WatchId, string Nonce)>();
        using (var command = WatchStore.Command(connection, null, "SELECT alert_id, watch_id, nonce FROM watch_alerts WHERE delivered_at IS NULL ORDER BY alert_id"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var alerts = new List<WatchAlert>();
        foreach (var (id, watchId, nonce) in rows)
        {
            if (WatchStore.Get(connection, null, watchId) is { } watch)
            {
                alerts.Add(new WatchAlert(id, watch, nonce, Matches(connection, id), SentParts(connection, id)));
            }
        }

        return alerts;
    }

    /// <summary>Records that Discord acknowledged part <paramref name="part"/> of an alert as <paramref name="messageId"/>, listing <paramref name="paperIds"/>.</summary>
    public void RecordPart(long alertId, int part, string channelId, string messageId, IReadOnlyList<string> paperIds)
    {
        using var connection = store.Open();
        using var command = WatchStore.Command(connection, null, """
            INSERT OR REPLACE INTO watch_messages(alert_id, part, channel_id, message_id, papers) VALUES ($alert, $part, $channel, $message, $papers)
            """);
        command.Parameters.AddWithValue("$alert", alertId);
        command.Parameters.AddWithValue("$part", part);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$message", messageId);
        command.Parameters.AddWithValue("$papers", WatchStore.List(paperIds));
        command.ExecuteNonQuery();
    }

    /// <summary>Marks an alert delivered in full (every part acknowledged, or printed), or given up (the channel refuses the bot).</summary>
    public void Complete(long alertId, DateTimeOffset at)
    {
        using var connection = store.Open();
        using var command = WatchStore.Command(connection, null, "UPDATE watch_alerts SET delivered_at = $at WHERE alert_id = $alert");
        command.Parameters.AddWithValue("$alert", alertId);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>The watch an alert message belongs to and the ids of the papers it lists; null for any other message.</summary>
    public (string WatchId, IReadOnlyList<string> PaperIds)? ByMessage(string messageId)
    {
        using var connection = store.Open();
        using var command = WatchStore.Command(connection, null, """
            SELECT a.watch_id, m.papers FROM watch_messages m JOIN watch_alerts a ON a.alert_id = m.alert_id WHERE m.message_id = $message
            """);
        command.Parameters.AddWithValue("$message", messageId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), WatchStore.ReadList(reader.GetString(1))) : null;
    }

    /// <summary>How many papers a watch has been told about.</summary>
    public int DeliveredCount(string watchId)
    {
        using var connection = store.Open();
        using var command = WatchStore.Command(connection, null, "SELECT count(*) FROM watch_deliveries WHERE watch_id = $watch");
        command.Parameters.AddWithValue("$watch", watchId);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<WatchMatch> Matches(SqliteConnection connection, long alertId)
    {
        var rows = new List<(long Pid, string Reason)>();
        using (var command = WatchStore.Command(connection, null, "SELECT pid, reason FROM watch_deliveries WHERE alert_id = $alert ORDER BY position"))
        {
            command.Parameters.AddWithValue("$alert", alertId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var papers = lookup.ByPid([.. rows.Select(r => r.Pid)]);
        return [.. rows.Where(r => papers.ContainsKey(r.Pid)).Select(r => new WatchMatch(r.Pid, papers[r.Pid], r.Reason, 0))];
    }

    private static HashSet<int> SentParts(SqliteConnection connection, long alertId)
    {
        using var command = WatchStore.Command(connection, null, "SELECT part FROM watch_messages WHERE alert_id = $alert");
        command.Parameters.AddWithValue("$alert", alertId);
        using var reader = command.ExecuteReader();
        var parts = new HashSet<int>();
        while (reader.Read())
        {
            parts.Add(reader.GetInt32(0));
        }

        return parts;
    }
}
