using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PaperBot.TestSupport.Discord;

internal sealed record FakeRestRequest(Match Match, string Body, IQueryCollection Query)
{
    public string this[string group] => Match.Groups[group].Value;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
