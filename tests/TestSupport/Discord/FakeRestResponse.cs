using System.Text.Json.Nodes;

namespace PaperBot.TestSupport.Discord;

internal sealed record FakeRestResponse(int Status, JsonNode? Body = null);
