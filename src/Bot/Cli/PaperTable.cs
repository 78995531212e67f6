using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag.Answering.Related;
using PaperBot.Rag.Corpus;
using Spectre.Console;
using PaperBot.Rag;

namespace PaperBot.Bot.Cli;

/// <summary>How lists and single papers look in the terminal and in JSON, shared by the commands that print papers.</summary>
public static class PaperTable
{
    /// <summary>The papers as a table for <paramref name="console"/> (as wide as a terminal, else as wide as its text).</summary>
    public static Table Of(IEnumerable<Paper> papers, IAnsiConsole console)
    {
        var table = CliOutput.FillTerminal(new Table(), console).AddColumns("Upvotes", "Id", "Title");
        foreach (var paper in papers)
        {
            table.AddRow(paper.Upvotes?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(paper.Id), Markup.Escape(paper.Title));
        }

        return table;
    }

    /// <summary>A period's trending papers: upvotes, comments, day and stars beside each title.</summary>
    public static Table Trending(IEnumerable<Paper> papers, IAnsiConsole console)
    {
        var table = CliOutput.FillTerminal(new Table(), console).AddColumns("Upvotes", "Comments", "Day", "Stars", "Id", "Title");
        foreach (var paper in papers)
        {
            table.AddRow(
                paper.Upvotes?.ToString(CultureInfo.InvariantCulture) ?? "-", paper.NumComments?.ToString(CultureInfo.InvariantCulture) ?? "-",
                paper.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-", paper.GithubStars?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(paper.Id), Markup.Escape(paper.Title));
        }

        return table;
    }

    /// <summary>Related papers: day, id and title, and why each is related.</summary>
    public static Table Related(IEnumerable<RelatedPaper> related, IAnsiConsole console)
    {
        var table = CliOutput.FillTerminal(new Table(), console).AddColumns("Day", "Id", "Title", "Why");
        foreach (var paper in related)
        {
            table.AddRow(
                paper.Paper.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-", Markup.Escape(paper.Paper.Id),
                Markup.Escape(paper.Paper.Title), Markup.Escape(paper.Reason));
        }

        return table;
    }

    public static object Json(Paper paper) => new
    {
        id = paper.Id,
        arxiv_id = paper.ArxivId,
        title = paper.Title,
        @abstract = paper.Abstract,
        authors = paper.Authors,
        author_count = paper.AuthorCount,
        organization = paper.Organization,
        organization_handle = paper.OrganizationHandle,
        published_on = paper.PublishedOn,
        featured_on = paper.FeaturedOn,
        days = paper.Days,
        day = paper.Day,
        upvotes = paper.Upvotes,
        num_comments = paper.NumComments,
        ai_summary = paper.AiSummary,
        ai_keywords = paper.AiKeywords,
        github_repo = paper.GithubRepo,
        github_stars = paper.GithubStars,
        project_page = paper.ProjectPage,
        submitter = paper.Submitter,
        thumbnail = paper.Thumbnail,
        url = paper.ArxivUrl,
        hf_url = paper.HuggingFaceUrl,
        pdf_url = paper.PdfUrl,
    };

    /// <summary>The lines <c>show</c> prints under the title: who, when, links and what Hugging Face adds; empty ones left out.</summary>
    public static IEnumerable<string> Details(Paper paper)
    {
        var authors = paper.Authors.Count > 0 ? string.Join(", ", paper.Authors.Take(8)) + (paper.Authors.Count > 8 ? ", …" : "")
            : paper.AuthorCount is { } n ? Plural.Of(n, "author") : null;
        var organization = paper.Organization is { } org ? paper.OrganizationHandle is { } handle && handle != org ? $"{org} (@{handle})" : org : null;
        var days = paper.Days.Count > 0 ? string.Join(", ", paper.Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) : null;
        var counts = string.Join(" · ", new[]
        {
            paper.Upvotes is { } u ? Plural.Of(u, "upvote") : null,
            paper.NumComments is { } c ? Plural.Of(c, "comment") : null,
            paper.Submitter is { } s ? $"submitted by @{s}" : null,
        }.Where(s => s is not null));
        var lines = new (string Label, string? Value)[]
        {
            ("authors", authors),
            ("organization", organization),
            ("featured", days ?? paper.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("published", paper.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("on Hugging Face", counts.Length > 0 ? counts : null),
            ("code", paper.GithubRepo is { } repo ? paper.GithubStars is { } stars ? $"{repo} ({Plural.Of(stars, "star")})" : repo : null),
            ("project page", paper.ProjectPage),
            ("links", paper.ArxivId is null ? null : $"{paper.HuggingFaceUrl} · {paper.ArxivUrl} · {paper.PdfUrl}"),
            ("keywords", paper.AiKeywords.Count > 0 ? string.Join(", ", paper.AiKeywords) : null),
            ("AI summary", paper.AiSummary),
        };
        return lines.Where(l => !string.IsNullOrEmpty(l.Value)).Select(l => $"{l.Label}: {l.Value}");
    }
}
