using System.Net;
using System.Text;
using System.Text.Json;

namespace PaperBot.Rag.Corpus;

/// <summary>Builds the user-facing <see cref="PapersApiException"/>s of <see cref="DailyPapersClient"/>.</summary>
internal static class PapersApiErrors
{
    private const int MaxBodyInMessage = 300;

    public static PapersApiException FromResponse(
        HttpResponseMessage response, byte[] body, string path, PapersOptions options, TimeProvider time)
    {
        var status = response.StatusCode;
        var apiMessage = ApiMessageOf(body);
        var explained = apiMessage is null ? string.Empty : $": {apiMessage}";
        var statusText = $"{(int)status} {response.ReasonPhrase ?? status.ToString()}";
        var retryable = status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError;
        var tokenHint = status == HttpStatusCode.TooManyRequests ? ", or set Papers:Token to raise the limit" : string.Empty;
        var message = status switch
        {
            // PapersResilience does not retry a wait longer than MaxRetryDelaySeconds, so this was the only attempt.
            _ when retryable && RetryAfterHeader.DelayOf(response, time) is { } wait && wait > TimeSpan.FromSeconds(options.MaxRetryDelaySeconds) =>
                $"The Hugging Face API answered {path} with {statusText} and asks to wait {wait.TotalSeconds:0} s, longer than "
                + $"Papers:MaxRetryDelaySeconds ({options.MaxRetryDelaySeconds}). Try again later{tokenHint}.",
            HttpStatusCode.TooManyRequests =>
                $"The Hugging Face API rate-limited {path} ({statusText}){Retried(options)}. Try again later{tokenHint}.",
            _ when retryable =>
                $"The Hugging Face API failed on {path} with {statusText}{Retried(options)}{explained}",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"The Hugging Face API refused {path} ({statusText}){explained}. Check Papers:Token.",
            _ => $"The Hugging Face API rejected {path} ({statusText}){explained}",
        };
        return new PapersApiException(message, path, status, apiMessage);
    }

    public static PapersApiException Unreachable(string path, PapersOptions options, HttpRequestException error) =>
        new(
            $"Could not reach the Hugging Face API at {options.ApiBaseUrl}{Retried(options)} ({error.HttpRequestError}: {error.Message}). "
            + "Check the network, or Papers:ApiBaseUrl.",
            path,
            statusCode: null,
            apiMessage: null,
            error);

    public static PapersApiException TimedOut(string path, Exception error) =>
        new(
            $"The Hugging Face API did not answer {path} in time (see Papers:RequestTimeoutSeconds and Papers:TotalTimeoutSeconds).",
            path,
            statusCode: null,
            apiMessage: null,
            error);

    public static PapersApiException Malformed(string path, CorpusFormatException error) =>
        new(
            $"The Hugging Face API returned malformed JSON for {path} (line {error.Line}): {error.Reason}",
            path,
            HttpStatusCode.OK,
            apiMessage: null,
            error);

    private static string Retried(PapersOptions options) =>
        options.MaxRetries == 0 ? string.Empty : $" after {options.MaxRetries + 1} attempts";

    /// <summary>The API's {"error": "..."} text, else the start of the body as text.</summary>
    private static string? ApiMessageOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["error", "message", "detail"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page, plain text): fall through to the raw text.
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= MaxBodyInMessage ? flat : flat[..MaxBodyInMessage] + "…";
    }
}
