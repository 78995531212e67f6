using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>POST /users/@me/channels: open (or get) the DM channel with one user.</summary>
internal sealed record CreateDmBody(
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong RecipientId);
