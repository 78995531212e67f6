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
    /// <summary>The paper, or null (with a warning) when the item lacks a title or an abstract.</summary>
    public static Paper? Read(JsonElement item, string path, int line, List<ParseWarning> warnings)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            warnings.Add(new ParseWarning(path, line, $"item is {item.ValueKind.ToString().ToLowerInvariant()}, not an object; skipped"));
            return null;
        }

        var wrapped = item.TryGetProperty("paper", out var paper) && paper.ValueKind == JsonValueKind.Object;
        if (!wrapped)
        {
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

        var prefix = wrapped ? "paper." : string.Empty;
        var authors = paper.TryGetProperty("authors", out var authorList) && authorList.ValueKind == JsonValueKind.Array
            ? authorList
            : (JsonElement?)null;
        var featuredOn = DateOf(paper, "submittedOnDailyAt", prefix, arxivId, path, line, warnings);
        if (featuredOn is null && wrapped)
        {
            // The wrapper's publishedAt is when the entry was posted to Daily Papers: the featured day
            // for items that predate submittedOnDailyAt.
            featuredOn = DateOf(item, "publishedAt", string.Empty, arxivId, path, line, warnings);
        }

        return new Paper
        {
            Id = PaperIdentity.IdFor(arxivId, title),
            ArxivId = arxivId,
            Title = title,
            Abstract = summary,
            Authors = authors is { } list ? AuthorNames(list) : [],
            AuthorCount = authors?.GetArrayLength(),
            Organization = OrganizationOf(item) ?? OrganizationOf(paper),
            PublishedOn = DateOf(paper, "publishedAt", prefix, arxivId, path, line, warnings),
            FeaturedOn = featuredOn,
            Upvotes = CountOf(paper, "upvotes") ?? CountOf(item, "upvotes"),
            AiSummary = NormalizeWhitespace(StringOf(paper, "ai_summary") ?? StringOf(item, "ai_summary")),
            AiKeywords = Strings(paper, "ai_keywords") ?? Strings(item, "ai_keywords") ?? [],
        };
    }

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

    /// <summary>
    /// The organization's display name ("NVIDIA", as saved pages show it) or else its handle; the API gives an
    /// object {name, fullname, ...}, and a plain string is accepted too.
    /// </summary>
    private static string? OrganizationOf(JsonElement obj)
    {
        if (!obj.TryGetProperty("organization", out var organization))
        {
            return null;
        }

        return organization.ValueKind switch
        {
            JsonValueKind.Object => NormalizeWhitespace(StringOf(organization, "fullname") ?? StringOf(organization, "name")),
            JsonValueKind.String => NormalizeWhitespace(organization.GetString()),
            _ => null,
        };
    }

    /// <summary>The UTC date of an ISO 8601 timestamp; an unreadable one gives a warning and null.</summary>
    private static DateOnly? DateOf(
        JsonElement obj, string name, string prefix, string? arxivId, string path, int line, List<ParseWarning> warnings)
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

        warnings.Add(new ParseWarning(path, line, $"{Label(arxivId)} has an invalid {prefix}{name} ({value.GetRawText()}); left empty"));
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
