using System.Text.Json;

namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>Builds the frames the bot sends, as UTF-8 JSON <c>{op, d}</c>.</summary>
internal static class GatewayFrames
{
    /// <summary>Discord closes the connection with 4002 for larger frames.</summary>
    public const int MaxFrameBytes = 4096;

    public static byte[] Heartbeat(int? lastSequence) => Write(GatewayOpCode.Heartbeat, w =>
    {
        if (lastSequence is { } s)
        {
            w.WriteNumberValue(s);
        }
        else
        {
            w.WriteNullValue();
        }
    });

    /// <summary>Op 3: online, "Listening to <paramref name="activity"/>".</summary>
    public static byte[] Presence(string activity) => Write(GatewayOpCode.PresenceUpdate, w => WritePresence(w, activity));

    public static byte[] Identify(string token, DiscordIntents intents, int shardId, int shardCount, string? activity = null) =>
        Write(GatewayOpCode.Identify, w =>
        {
            w.WriteStartObject();
            w.WriteString("token", token);
            w.WriteNumber("intents", (int)intents);
            w.WriteStartObject("properties");
            w.WriteString("os", Environment.OSVersion.Platform.ToString().ToLowerInvariant());
            w.WriteString("browser", "paperbot");
            w.WriteString("device", "paperbot");
            w.WriteEndObject();
            if (activity is not null)
            {
                w.WritePropertyName("presence");
                WritePresence(w, activity);
            }

            if (shardCount > 1)
            {
                w.WriteStartArray("shard");
                w.WriteNumberValue(shardId);
                w.WriteNumberValue(shardCount);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });

    private static void WritePresence(Utf8JsonWriter w, string activity)
    {
        w.WriteStartObject();
        w.WriteNull("since");
        w.WriteStartArray("activities");
        w.WriteStartObject();
        w.WriteString("name", activity);
        w.WriteNumber("type", ListeningActivity);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("status", "online");
        w.WriteBoolean("afk", false);
        w.WriteEndObject();
    }

    // Discord's activity type 2 shows as "Listening to {name}".
    private const int ListeningActivity = 2;

    public static byte[] Resume(string token, string sessionId, int? lastSequence) => Write(GatewayOpCode.Resume, w =>
    {
        w.WriteStartObject();
        w.WriteString("token", token);
        w.WriteString("session_id", sessionId);
        if (lastSequence is { } s)
        {
            w.WriteNumber("seq", s);
        }
        else
        {
            w.WriteNull("seq");
        }

        w.WriteEndObject();
    });

    private static byte[] Write(GatewayOpCode op, Action<Utf8JsonWriter> writeData)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", (int)op);
            writer.WritePropertyName("d");
            writeData(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
