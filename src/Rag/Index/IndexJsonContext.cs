using System.Text.Json.Serialization;

namespace PaperBot.Rag.Index;

/// <summary>Source-generated JSON for the list columns (authors, keywords): no reflection on the ingest path.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class IndexJsonContext : JsonSerializerContext;
