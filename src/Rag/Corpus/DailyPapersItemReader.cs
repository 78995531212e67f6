using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// Maps one Hugging Face papers item to a <see cref="Paper"/>. A daily_papers item wraps the paper in
/// <c>paper</c> and repeats some fields at its top level; a <c>/api/papers/{id}</c> object is flat.
/// </summary>
internal static class DailyPapersItemReader
{
    /// <summary>
    /// The paper, or null (with a warning) when the item is not a paper: not an object, a listing item without
    /// its <c>paper</c> object, no title or no abstract.
    /// </summary>
    /// <param name="item">One item of a listing, or a flat paper object.</param>
    /// <param name="path">The file or request, for warnings.</param>
    /// <param name="line">The line the item starts on, for warnings.</param>
    /// <param name="dayOfSource">
    /// The day the whole source stands for (the date a sync asked for, the date in the file's name, or
    /// <c>ingest --featured-on</c>): the featured day of items without a valid <c>submittedOnDailyAt</c>.
    /// </param>
    /// <param name="warnings">Where skipped items and ignored fields are reported.</param>
    public static Paper? Read(JsonElement item, string path, int line, DateOnly? dayOfSource, List<ParseWarning> warnings)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            warnings.Add(new ParseWarning(path, line, NotAnObject(item)));
            return null;
        }

        var wrapped = item.TryGetProperty("paper", out var paper);
        if (wrapped && paper.ValueKind != JsonValueKind.Object)
        {
            warnings.Add(new ParseWarning(path, line, $"item's paper is {Kind(paper)}, not an object; skipped"));
            return null;
        }

        if (!wrapped)
        {
            // A flat paper object (/api/papers/{id}, a flat search result) carries its arXiv id at the top; a
            // listing item that lost its paper object does not, and would become an id-less paper.
            if (StringOf(item, "id") is null)
            {
                warnings.Add(new ParseWarning(path, line, IsEnvelope(item)
                    ? "an envelope object (status, date, count, data) around the listing, not the API's shape; skipped"
                    : "item has no paper object and no arXiv id; skipped"));
                return null;
            }

            paper = item;
        }

        var arxivId = NormalizeWhitespace(StringOf(paper, "id"));
        var title = NormalizeWhitespace(StringOf(paper, "title") ?? StringOf(item, "title"));
        var summary = NormalizeWhitespace(StringOf(paper, "summary") ?? StringOf(item, "summary"));
        if (title is null || summary is null)
        {
            var missing = (title, summary) switch
            {
                (null, null) => "title and summary",
                (null, _) => "title",
                _ => "summary (abstract)",
            };
            warnings.Add(new ParseWarning(path, line, $"{Label(arxivId)} has no {missing}; skipped"));
            return null;
        }

        title = SourceText.Title(title);
        summary = SourceText.Prose(summary);
        var prefix = wrapped ? "paper." : string.Empty;
        var authors = paper.TryGetProperty("authors", out var authorList) && authorList.ValueKind == JsonValueKind.Array
            ? authorList
            : (JsonElement?)null;
        var organization = OrganizationObject(item) ?? OrganizationObject(paper);

        // The wrapper's publishedAt is not the featured day (in Dec 2024 - Mar 2025 it is the evening before or
        // an arXiv time): without submittedOnDailyAt only the source's own day is trusted.
        var featuredOn = DateOf(paper, "submittedOnDailyAt", prefix, arxivId, path, line, warnings, "ignored") ?? dayOfSource;
        return new Paper
        {
            Id = PaperIdentity.IdFor(arxivId, title),
            ArxivId = arxivId,
            Title = title,
            Abstract = summary,
            Authors = authors is { } list ? AuthorNames(list) : [],
            AuthorCount = authors?.GetArrayLength(),
            Organization = organization is { } o ? OrganizationName(o) : null,
            OrganizationHandle = organization is { } h && h.ValueKind == JsonValueKind.Object ? NormalizeWhitespace(StringOf(h, "name")) : null,
            PublishedOn = DateOf(paper, "publishedAt", prefix, arxivId, path, line, warnings, "left empty"),
            FeaturedOn = featuredOn,
            Upvotes = CountOf(paper, "upvotes") ?? CountOf(item, "upvotes"),
            AiSummary = NormalizeWhitespace(StringOf(paper, "ai_summary") ?? StringOf(item, "ai_summary")) is { } aiSummary ? SourceText.Prose(aiSummary) : null,
            AiKeywords = Strings(paper, "ai_keywords") ?? Strings(item, "ai_keywords") ?? [],
            GithubRepo = NormalizeWhitespace(StringOf(paper, "githubRepo") ?? StringOf(item, "githubRepo")),
            GithubStars = CountOf(paper, "githubStars") ?? CountOf(item, "githubStars"),
            ProjectPage = NormalizeWhitespace(StringOf(paper, "projectPage") ?? StringOf(item, "projectPage")),
            NumComments = CountOf(item, "numComments") ?? CountOf(paper, "numComments"),
            Submitter = SubmitterOf(paper, "submittedOnDailyBy") ?? SubmitterOf(item, "submittedBy"),
            Thumbnail = NormalizeWhitespace(StringOf(item, "thumbnail") ?? StringOf(paper, "thumbnail")),
        };
    }

    private static string NotAnObject(JsonElement item)
    {
        // Some archived listings hold each item as Python's repr of the object ("{'paper': {'id': ...") - a bug
        // of the archiving script, not a shape of the API: refused, not guessed at.
        if (item.ValueKind == JsonValueKind.String && item.GetString() is { } text && text.TrimStart().StartsWith("{'", StringComparison.Ordinal))
        {
            return "item is a string holding a Python repr of an item, not a JSON object; skipped";
        }

        return $"item is {Kind(item)}, not an object; skipped";
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static bool IsEnvelope(JsonElement obj) =>
        obj.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array;

    /// <summary>The submitter's Hugging Face handle: <c>user</c> (submittedOnDailyBy) or <c>name</c> (submittedBy).</summary>
    private static string? SubmitterOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var user) && user.ValueKind == JsonValueKind.Object
            ? NormalizeWhitespace(StringOf(user, "user") ?? StringOf(user, "name"))
            : null;

    private static string Label(string? arxivId) => arxivId is null ? "item" : $"item {arxivId}";

    private static string? StringOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Counts arrive as integers or floats (42, 42.0); anything else is treated as absent.</summary>
    private static int? CountOf(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetDouble(out var number) || number is < int.MinValue or > int.MaxValue)
        {
            return null;
        }

        return (int)Math.Round(number, MidpointRounding.AwayFromZero);
    }

    private static List<string>? Strings(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var values = new List<string>(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String && NormalizeWhitespace(element.GetString()) is { } text)
            {
                values.Add(text);
            }
        }

        return values;
    }

    /// <summary>Names of the listed authors; entries without a name still count in AuthorCount.</summary>
    private static List<string> AuthorNames(JsonElement authors)
    {
        var names = new List<string>(authors.GetArrayLength());
        foreach (var author in authors.EnumerateArray())
        {
            var name = author.ValueKind switch
            {
                JsonValueKind.Object => StringOf(author, "name"),
                JsonValueKind.String => author.GetString(),
                _ => null,
            };
            if (NormalizeWhitespace(name) is { } text)
            {
                names.Add(text);
            }
        }

        return names;
    }

    private static JsonElement? OrganizationObject(JsonElement obj) =>
        obj.TryGetProperty("organization", out var organization) && organization.ValueKind is JsonValueKind.Object or JsonValueKind.String
            ? organization
            : null;

    /// <summary>
    /// The organization's display name ("NVIDIA", as saved pages show it) or else its handle; the API gives an
    /// object {name, fullname, ...}, and a plain string is accepted too.
    /// </summary>
    private static string? OrganizationName(JsonElement organization) => organization.ValueKind == JsonValueKind.Object
        ? NormalizeWhitespace(StringOf(organization, "fullname") ?? StringOf(organization, "name"))
        : NormalizeWhitespace(organization.GetString());

    /// <summary>The UTC date of an ISO 8601 timestamp; an unreadable one gives a warning and null.</summary>
    private static DateOnly? DateOf(
        JsonElement obj, string name, string prefix, string? arxivId, string path, int line, List<ParseWarning> warnings, string consequence)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(
                value.GetString(),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var timestamp))
        {
            return DateOnly.FromDateTime(timestamp.UtcDateTime);
        }

        warnings.Add(new ParseWarning(path, line, $"{Label(arxivId)} has an invalid {prefix}{name} ({value.GetRawText()}); {consequence}"));
        return null;
    }

    /// <summary>API abstracts and titles keep arXiv's hard line breaks; runs of whitespace become one space.</summary>
    private static string? NormalizeWhitespace(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
