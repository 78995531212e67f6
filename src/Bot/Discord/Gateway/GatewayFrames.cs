using System.Text.Json;

namespace PaperBot.Bot.Discord.Gateway;

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

    public static byte[] Identify(string token, DiscordIntents intents, int shardId, int shardCount) =>
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
            if (shardCount > 1)
            {
                w.WriteStartArray("shard");
                w.WriteNumberValue(shardId);
                w.WriteNumberValue(shardCount);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });

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
