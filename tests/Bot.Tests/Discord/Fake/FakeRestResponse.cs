namespace PaperBot.Bot.Tests.Discord.Fake;

internal sealed record FakeRestResponse(int Status, object? Body = null);
