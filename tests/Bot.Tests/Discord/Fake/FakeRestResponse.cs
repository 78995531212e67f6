using System.Text.Json.Nodes;

namespace PaperBot.Bot.Tests.Discord.Fake;

internal sealed record FakeRestResponse(int Status, JsonNode? Body = null);
