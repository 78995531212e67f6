using System.Text.Json;

namespace PaperBot.TestSupport.Discord;

/// <summary>One frame the bot sent to the fake gateway.</summary>
public sealed record ReceivedFrame(int ConnectionIndex, int Op, JsonElement Data, string Raw, DateTimeOffset At);
