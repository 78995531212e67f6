using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PaperBot.Bot.Tests.Discord.OpenApi;

/// <summary>
/// Discord's own OpenAPI description (the subset trim-openapi.py keeps) as JSON Schema 2020-12: the request and
/// response schema of each route, and the component schemas of objects that gateway dispatches carry.
/// Request bodies are checked strictly: a field the description does not define is an error, since Discord
/// ignores or rejects it and either way the bot meant something else.
/// </summary>
public static class DiscordOpenApi
{
    private static readonly Lazy<JsonObject> Spec = new(Load);
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    /// <summary>The fake's route names with the OpenAPI path and method they stand for.</summary>
    public static IReadOnlyDictionary<string, (string Path, string Method)> Routes { get; } = new Dictionary<string, (string, string)>
    {
        ["gateway-bot"] = ("/gateway/bot", "get"),
        ["global-commands"] = ("/applications/{application_id}/commands", "put"),
        ["guild-commands"] = ("/applications/{application_id}/guilds/{guild_id}/commands", "put"),
        ["interaction-callback"] = ("/interactions/{interaction_id}/{interaction_token}/callback", "post"),
        ["followup"] = ("/webhooks/{webhook_id}/{webhook_token}", "post"),
        ["original-get"] = ("/webhooks/{webhook_id}/{webhook_token}/messages/@original", "get"),
        ["original-edit"] = ("/webhooks/{webhook_id}/{webhook_token}/messages/@original", "patch"),
        ["original-delete"] = ("/webhooks/{webhook_id}/{webhook_token}/messages/@original", "delete"),
        ["message-list"] = ("/channels/{channel_id}/messages", "get"),
        ["message-create"] = ("/channels/{channel_id}/messages", "post"),
        ["message-get"] = ("/channels/{channel_id}/messages/{message_id}", "get"),
        ["message-edit"] = ("/channels/{channel_id}/messages/{message_id}", "patch"),
        ["thread-start"] = ("/channels/{channel_id}/messages/{message_id}/threads", "post"),
        ["typing"] = ("/channels/{channel_id}/typing", "post"),
        ["dm-create"] = ("/users/@me/channels", "post"),
    };

    /// <summary>Problems with a request body the bot sent on <paramref name="route"/>; empty when it validates.</summary>
    public static IReadOnlyList<string> CheckRequest(string route, string body)
    {
        var (path, method) = Routes[route];
        var operation = Spec.Value["paths"]![path]![method]!;
        if (operation["requestBody"] is not { } requestBody)
        {
            return body.Length == 0 ? [] : [$"{route}: a body on a route that takes none"];
        }

        return Check($"request {route}", requestBody["content"]!["application/json"]!["schema"]!, body);
    }

    /// <summary>Problems with a response body the fake sent on <paramref name="route"/> with <paramref name="status"/>.</summary>
    public static IReadOnlyList<string> CheckResponse(string route, int status, string? body)
    {
        var (path, method) = Routes[route];
        var response = Spec.Value["paths"]![path]![method]!["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (response is null)
        {
            return [$"{route}: status {status} is not one the description lists"];
        }

        if (response["content"]?["application/json"]?["schema"] is not { } schema)
        {
            return body is null or "" ? [] : [$"{route}: a body with status {status}, which has none"];
        }

        return Check($"response {route}", schema, body ?? "");
    }

    /// <summary>Problems with <paramref name="instance"/> as an instance of the component schema <paramref name="component"/>.</summary>
    public static IReadOnlyList<string> CheckComponent(string component, JsonNode? instance) =>
        Check(component, new JsonObject { ["$ref"] = "#/$defs/" + component }, instance?.ToJsonString() ?? "null");

    private static List<string> Check(string what, JsonNode schemaNode, string json)
    {
        var key = schemaNode.ToJsonString();
        var schema = Schemas.GetOrAdd(key, _ =>
        {
            var root = schemaNode.DeepClone().AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = Spec.Value["components"]!["schemas"]!.DeepClone();
            return JsonSchema.FromText(root.ToJsonString());
        });
        var results = schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return results.Details
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{what} at '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Value}"))
            .DefaultIfEmpty($"{what}: invalid")
            .ToList();
    }

    private static JsonObject Load()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Discord", "OpenApi", "discord-openapi-subset.json");
        // The description's references point into components; as one JSON Schema document they live in $defs.
        var text = File.ReadAllText(file).Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        var spec = JsonNode.Parse(text)!.AsObject();
        foreach (var (name, schema) in spec["components"]!["schemas"]!.AsObject())
        {
            if (!name.EndsWith("Response", StringComparison.Ordinal) && schema is JsonObject { } obj && obj.ContainsKey("properties"))
            {
                obj["unevaluatedProperties"] = false;
            }
        }

        return spec;
    }
}
