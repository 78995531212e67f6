using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Hosting;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>
/// The answering services as the host wires them, over a real index in a temp folder: a copy of the sample
/// corpus index (ingested once per test run) or an empty one. Prompts come from the repository's prompts/.
/// </summary>
public sealed class AnsweringHarness : IDisposable
{
    private static readonly Lazy<string> SeededTemplate = new(BuildSeededTemplate);
    private readonly TempFolder _temp = new();
    private readonly ServiceProvider _services;

    public AnsweringHarness(
        bool seeded = true, IChatClient? chat = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        int contextSize = 4096, int maxAnswerTokens = 512, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        if (seeded)
        {
            File.Copy(SeededTemplate.Value, _temp.File("paperbot.db"));
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Directory"] = _temp.Path,
            ["Llm:ContextSize"] = contextSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Llm:MaxAnswerTokens"] = maxAnswerTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Concat(settings ?? new Dictionary<string, string?>())).Build();
        var services = new ServiceCollection().AddLogging();
        if (chat is not null)
        {
            services.AddSingleton(chat);
        }

        if (embeddings is not null)
        {
            services.AddSingleton(embeddings);
        }

        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddPaperBotIndex(configuration, TestPaths.RepoRoot).AddPaperBotAnswering(configuration).AddPaperBotWatches();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public PaperStore Store => Get<PaperStore>();

    public Answerer Answerer => Get<Answerer>();

    public DayDigest Digest => Get<DayDigest>();

    public Retriever Retriever => Get<Retriever>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Checks that <paramref name="question"/> finds candidates, yet retrieval calls none relevant and the answer declines without sources.</summary>
    public async Task AssertDeclinedAsync(string question)
    {
        var result = await Retriever.RetrieveAsync(question, null, null, CancellationToken.None);
        var answer = await Answerer.AskAsync(new AnswerRequest(question) { NoModel = true });

        Assert.NotEmpty(result.Ranked);
        Assert.False(result.FoundRelevant);
        Assert.True(answer.Declined);
        Assert.Empty(answer.Sources);
    }

    /// <summary>Adds papers as one ingested file (a new content hash each time).</summary>
    public void Add(params Paper[] papers) => Store.Ingest("test", Guid.NewGuid().ToString("N"), papers, DateTimeOffset.UnixEpoch);

    public static Paper Paper(string title, string abstractText, DateOnly? day = null, int? upvotes = null, string? arxivId = null) => new()
    {
        Id = PaperIdentity.IdFor(arxivId, title), ArxivId = arxivId, Title = title, Abstract = abstractText, FeaturedOn = day, Upvotes = upvotes,
    };

    public void Dispose()
    {
        _services.Dispose();
        _temp.Dispose();
    }

    private static string BuildSeededTemplate()
    {
        // The template lives as long as the test process; the scratch root is deleted with it at exit.
        var folder = TestPaths.NewScratchFolder("seeded-");
        var path = Path.Combine(folder, "seeded.db");
        var store = new PaperStore(path);
        new Ingestor(store, TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([TestPaths.SeedDirectory]), new DateOnly(2025, 11, 20));
        using (var connection = store.Open())
        using (var checkpoint = connection.CreateCommand())
        {
            // Fold the WAL into the main file so that copying the one file copies the whole index.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        return path;
    }
}
