using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>How a <see cref="Paper"/> maps onto the papers table's columns.</summary>
internal static class PaperRow
{
    /// <summary>The columns <see cref="Read"/> expects, in order, for a query on <c>papers p</c>.</summary>
    public const string Columns =
        "p.pid, p.id, p.arxiv_id, p.title, p.abstract, p.authors, p.author_count, p.organization, " +
        "p.published_on, p.featured_on, p.upvotes, p.ai_summary, p.ai_keywords, p.organization_handle, " +
        "p.github_repo, p.github_stars, p.project_page, p.num_comments, p.submitter, p.thumbnail, " +
        "(SELECT group_concat(d.day, ' ') FROM (SELECT day FROM paper_days WHERE pid = p.pid ORDER BY day) d)";

    public const int ColumnCount = 21;

    public static (long Pid, Paper Paper) Read(SqliteDataReader reader)
    {
        var paper = new Paper
        {
            Id = reader.GetString(1),
            ArxivId = NullableString(reader, 2),
            Title = reader.GetString(3),
            Abstract = reader.GetString(4),
            Authors = ReadList(reader, 5),
            AuthorCount = reader.IsDBNull(6) ? null : reader.GetInt32(6),
            Organization = NullableString(reader, 7),
            PublishedOn = NullableDate(reader, 8),
            FeaturedOn = NullableDate(reader, 9),
            Upvotes = reader.IsDBNull(10) ? null : reader.GetInt32(10),
            AiSummary = NullableString(reader, 11),
            AiKeywords = ReadList(reader, 12),
            OrganizationHandle = NullableString(reader, 13),
            GithubRepo = NullableString(reader, 14),
            GithubStars = NullableInt(reader, 15),
            ProjectPage = NullableString(reader, 16),
            NumComments = NullableInt(reader, 17),
            Submitter = NullableString(reader, 18),
            Thumbnail = NullableString(reader, 19),
            Days = ReadDays(reader, 20),
        };
        return (reader.GetInt64(0), paper);
    }

    /// <summary>The stored columns, in the order <see cref="Bind"/> numbers them (<c>?1</c> to <c>?20</c>).</summary>
    public const string StoredColumns =
        "id, arxiv_id, title_key, title, abstract, authors, author_count, organization, organization_handle, " +
        "published_on, featured_on, upvotes, ai_summary, ai_keywords, github_repo, github_stars, project_page, " +
        "num_comments, submitter, thumbnail";

    /// <summary>The parameters <c>?1</c> to <c>?20</c>, one for each of <see cref="StoredColumns"/>, in its order.</summary>
    public static readonly string StoredParameters = string.Join(", ", Enumerable.Range(1, 20).Select(i => $"?{i}"));

    /// <summary>
    /// Binds every column of <paramref name="paper"/>, whose title's key is <paramref name="titleKey"/>, to the
    /// parameters <c>?1</c> to <c>?20</c> in the order of <see cref="StoredColumns"/>.
    /// </summary>
    public static void Bind(RawStatement statement, Paper paper, string titleKey)
    {
        object?[] values =
        [
            paper.Id, paper.ArxivId, titleKey, paper.Title, paper.Abstract, ListJson(paper.Authors), paper.AuthorCount,
            paper.Organization, paper.OrganizationHandle, FormatDate(paper.PublishedOn), FormatDate(paper.FeaturedOn),
            paper.Upvotes, paper.AiSummary, ListJson(paper.AiKeywords), paper.GithubRepo, paper.GithubStars,
            paper.ProjectPage, paper.NumComments, paper.Submitter, paper.Thumbnail,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            statement.Bind(i + 1, values[i]);
        }
    }

    /// <summary>True when the two records would be stored identically.</summary>
    public static bool SameStoredValues(Paper a, Paper b) =>
        a.Id == b.Id && a.ArxivId == b.ArxivId && a.Title == b.Title && a.Abstract == b.Abstract
        && a.Authors.SequenceEqual(b.Authors) && a.AuthorCount == b.AuthorCount && a.Organization == b.Organization
        && a.PublishedOn == b.PublishedOn && a.FeaturedOn == b.FeaturedOn && a.Upvotes == b.Upvotes
        && a.AiSummary == b.AiSummary && a.AiKeywords.SequenceEqual(b.AiKeywords)
        && a.OrganizationHandle == b.OrganizationHandle && a.GithubRepo == b.GithubRepo && a.GithubStars == b.GithubStars
        && a.ProjectPage == b.ProjectPage && a.NumComments == b.NumComments && a.Submitter == b.Submitter
        && a.Thumbnail == b.Thumbnail;

    public static string? FormatDate(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? NullableDate(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int? NullableInt(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>The space-separated, sorted days of the paper_days subquery.</summary>
    private static DateOnly[] ReadDays(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return [];
        }

        var text = reader.GetString(ordinal);
        return [.. text.Split(' ').Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    /// <summary>A list as its JSON column; most are empty (every paper of a saved page), and those skip the serializer.</summary>
    private static string ListJson(IReadOnlyCollection<string> items) =>
        items.Count == 0 ? "[]" : JsonSerializer.Serialize(items.ToArray(), IndexJsonContext.Default.StringArray);

    /// <summary>A JSON list column; most are empty, and those skip the deserializer.</summary>
    private static string[] ReadList(SqliteDataReader reader, int ordinal)
    {
        var json = reader.GetString(ordinal);
        return json == "[]" ? [] : JsonSerializer.Deserialize(json, IndexJsonContext.Default.StringArray) ?? [];
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
