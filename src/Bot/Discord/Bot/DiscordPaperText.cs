using System.Globalization;
using System.Text;
using PaperBot.Rag.Answering.Related;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>Discord text for /search, /paper and /papers: markdown, links in angle brackets so they don't unfurl.</summary>
public static class DiscordPaperText
{
    private const int SnippetLength = 200;

    public static string SearchResults(string query, IReadOnlyList<SearchHit> hits, string? suggestion = null)
    {
        var suggested = suggestion is null ? "" : $"\n-# {suggestion}";
        if (hits.Count == 0)
        {
            return $"No indexed paper matches \"{query}\"." + suggested;
        }

        var text = new StringBuilder($"**Papers matching \"{query}\"**\n");
        for (var i = 0; i < hits.Count; i++)
        {
            var snippet = hits[i].Snippet.Length > SnippetLength ? hits[i].Snippet[..SnippetLength] + "…" : hits[i].Snippet;
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Line(hits[i].Paper)}\n> {snippet.ReplaceLineEndings(" ")}\n");
        }

        return text + suggested.TrimStart('\n');
    }

    public static string Papers(DayListing listing)
    {
        var (day, papers, nearest) = listing;
        if (papers.Count == 0)
        {
            return $"No papers on {Day(day)}." + (nearest.Count > 0 ? $" Nearest days with papers: {string.Join(", ", nearest.Select(Day))}." : "");
        }

        var text = new StringBuilder($"**{Plural.Of(papers.Count, "paper")} on {Day(day)}**\n");
        foreach (var paper in papers)
        {
            var votes = paper.Upvotes is { } n ? $" ({Plural.Of(n, "upvote")})" : "";
            text.Append(CultureInfo.InvariantCulture, $"- {Line(paper)}{votes}\n");
        }

        return text.ToString();
    }

    /// <summary>A period's most upvoted papers, each with its upvotes and day.</summary>
    public static string Trending(TrendingPapers trending)
    {
        if (trending.Papers.Count == 0)
        {
            return $"No papers from {trending.Period}.";
        }

        var text = new StringBuilder($"**Trending {trending.Period}: the {Plural.Of(trending.Papers.Count, "most upvoted paper")} of {trending.Total}**\n");
        foreach (var paper in trending.Papers)
        {
            var votes = paper.Upvotes is { } n ? $" ({Plural.Of(n, "upvote")}{(paper.Day is { } d ? ", " + Day(d) : "")})" : "";
            text.Append(CultureInfo.InvariantCulture, $"- {Line(paper)}{votes}\n");
        }

        return text.ToString();
    }

    /// <summary>The papers related to one, each with its day, link and why it is related.</summary>
    public static string Related(RelatedResult result)
    {
        var how = result.ByEmbeddings ? "nearest abstracts" : "shared key words";
        if (result.Related.Count == 0)
        {
            return $"No papers related to **{result.Paper.Title}** in the index.";
        }

        var text = new StringBuilder($"**Related to {result.Paper.Title}** ({how})\n");
        for (var i = 0; i < result.Related.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Line(result.Related[i].Paper)}\n> {result.Related[i].Reason}\n");
        }

        return text.ToString();
    }

    public static string Details(Paper paper)
    {
        var text = new StringBuilder($"**{paper.Title}**\n");
        var authors = paper.Authors.Count > 0 ? string.Join(", ", paper.Authors.Take(8)) + (paper.Authors.Count > 8 ? ", et al." : "")
            : paper.AuthorCount is { } count ? Plural.Of(count, "author") : paper.Organization;
        if (authors is not null)
        {
            text.Append(authors).Append('\n');
        }

        var facts = new List<string> { $"id `{paper.Id}`" };
        if (paper.Day is { } day)
        {
            facts.Add(Day(day));
        }

        if (paper.Upvotes is { } votes)
        {
            facts.Add(Plural.Of(votes, "upvote"));
        }

        if (paper.ArxivUrl is { } url)
        {
            facts.Add($"<{url}>");
            facts.Add($"[HF](<{paper.HuggingFaceUrl}>) · [PDF](<{paper.PdfUrl}>)");
        }

        if (paper.GithubRepo is { } repo)
        {
            facts.Add(paper.GithubStars is { } stars ? $"[code](<{repo}>) ({Plural.Of(stars, "star")})" : $"[code](<{repo}>)");
        }

        text.Append(string.Join(" · ", facts)).Append("\n\n").Append(paper.Abstract);
        return text.ToString();
    }

    private static string Line(Paper paper)
    {
        var day = paper.Day is { } d ? $" — {Day(d)}" : "";
        var link = paper.ArxivUrl is { } url ? $" — <{url}>" : $" — `{paper.Id}`";
        return $"{paper.Title}{day}{link}";
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
