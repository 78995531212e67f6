using System.Globalization;
using System.Text.Json.Nodes;

namespace PaperBot.TestSupport.HuggingFace;

/// <summary>Builds Hugging Face API JSON in the recorded shapes (reference/discord-and-hf-api.md, Part B).</summary>
public static class HfJson
{
    /// <summary>One /api/daily_papers item: the paper nested under "paper", the entry fields around it.</summary>
    public static string DailyItem(string arxivId, DateOnly featuredOn, string? title = null, string? summary = null, int upvotes = 1)
    {
        title ??= $"Paper {arxivId}";
        summary ??= $"The abstract of paper {arxivId}.\nIt spans two lines.";
        var featuredAt = featuredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T04:10:00.000Z";
        var item = new JsonObject
        {
            ["paper"] = new JsonObject
            {
                ["id"] = arxivId,
                ["authors"] = new JsonArray(
                    new JsonObject { ["_id"] = "a1", ["name"] = "Ada Example", ["hidden"] = false },
                    new JsonObject { ["_id"] = "a2", ["name"] = "Bo Example", ["hidden"] = false }),
                ["publishedAt"] = featuredOn.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T17:59:00.000Z",
                ["submittedOnDailyAt"] = featuredAt,
                ["title"] = title,
                ["summary"] = summary,
                // The API sends counts as floats at times.
                ["upvotes"] = (double)upvotes,
                ["discussionId"] = "66f0c0",
                ["ai_summary"] = $"What {arxivId} does.",
                ["ai_keywords"] = new JsonArray("examples"),
            },
            ["publishedAt"] = featuredAt,
            ["title"] = title,
            ["summary"] = summary,
            ["thumbnail"] = $"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxivId}.png",
            ["numComments"] = 3,
            ["submittedBy"] = new JsonObject { ["_id"] = "u1", ["name"] = "someuser", ["fullname"] = "Some User", ["isPro"] = false, ["type"] = "user" },
            ["isAuthorParticipating"] = false,
        };
        return item.ToJsonString();
    }

    /// <summary>Items 0001, 0002, ... of one featured day, with arXiv ids of that month.</summary>
    public static IEnumerable<string> DailyItems(DateOnly featuredOn, int count) =>
        Enumerable.Range(1, count).Select(i => DailyItem(ArxivId(featuredOn, i), featuredOn));

    public static string ArxivId(DateOnly month, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{month.Year % 100:D2}{month.Month:D2}.{number:D5}");
}
