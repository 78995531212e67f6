using System.Text.Json.Serialization;

namespace PaperBot.Rag.Watches;

/// <summary>Source-generated JSON for the watch columns (word lists, weights, a message's papers).</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class WatchesJsonContext : JsonSerializerContext;
