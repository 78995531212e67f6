using System.Text.Json;

namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>One dispatch (op 0) handed from the receive loop to whoever consumes <see cref="GatewayClient.Dispatches"/>.</summary>
/// <param name="EventName">The frame's <c>t</c>, e.g. <see cref="GatewayEvents.MessageCreate"/>.</param>
/// <param name="Sequence">The frame's <c>s</c>.</param>
/// <param name="Data">The frame's <c>d</c>, detached from the socket's buffers.</param>
public sealed record GatewayDispatch(string EventName, int Sequence, JsonElement Data)
{
    /// <summary>Reads <see cref="Data"/> as a model, e.g. <c>As&lt;DiscordMessage&gt;()</c>.</summary>
    public T? As<T>() => Data.Deserialize<T>(DiscordJson.Options);
}
