using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>Checks a list of endpoints; each result names its member (Endpoints:0:Url) and its message the whole key.</summary>
internal static class RemoteEndpointsValidation
{
    public static IEnumerable<ValidationResult> Results(string section, IReadOnlyList<RemoteEndpointOptions> endpoints)
    {
        if (endpoints.Count == 0)
        {
            yield return Result(section, "Endpoints", $"must list at least one server when {section}:Provider is openai.");
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            var e = endpoints[i];
            var member = $"Endpoints:{i}";
            if (!Uri.TryCreate(e.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return Result(section, $"{member}:Url", $"must be an http(s) URL such as http://127.0.0.1:8080/v1 (got '{e.Url}').");
            }

            if (string.IsNullOrWhiteSpace(e.Model))
            {
                yield return Result(section, $"{member}:Model", "must name the model the server serves.");
            }

            if (e.Parallel is < 1 or > 1024)
            {
                yield return Result(section, $"{member}:Parallel", $"must be between 1 and 1024 (got {e.Parallel}).");
            }

            if (e.ContextSize is < 0 or > 1 << 24)
            {
                yield return Result(section, $"{member}:ContextSize", $"must be 0 (ask the server) or a token count (got {e.ContextSize}).");
            }
        }
    }

    private static ValidationResult Result(string section, string member, string reason) => new($"{section}:{member} {reason}", [member]);
}
