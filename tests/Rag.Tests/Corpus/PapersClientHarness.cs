using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport.HuggingFace;
using PaperBot.TestSupport.Logging;

namespace PaperBot.Rag.Tests.Corpus;

/// <summary>
/// A <see cref="FakeHuggingFaceServer"/> and <see cref="DailyPapersClient"/>s wired to it through
/// <see cref="SyncServiceCollectionExtensions.AddPaperBotSync"/>, with small pages and fast retries so that
/// paging and retry paths run in milliseconds. Every log line, at every level, lands in <see cref="Logs"/>.
/// </summary>
public sealed class PapersClientHarness : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    private PapersClientHarness(FakeHuggingFaceServer server) => Server = server;

    public FakeHuggingFaceServer Server { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public static async Task<PapersClientHarness> StartAsync() => new(await FakeHuggingFaceServer.StartAsync());

    /// <summary>The "Papers" settings the clients get: the server's URL, 2 items a page, 2 retries 10 ms apart.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Papers:ApiBaseUrl"] = Server.BaseUrl.ToString(),
        ["Papers:PageSize"] = "2",
        ["Papers:MaxRetries"] = "2",
        ["Papers:RetryBaseDelayMilliseconds"] = "10",
        ["Papers:RequestTimeoutSeconds"] = "5",
        ["Papers:TotalTimeoutSeconds"] = "20",
    };

    /// <summary>A client from a fresh container; <paramref name="overrides"/> are "Papers" keys without the prefix.</summary>
    public DailyPapersClient Client(params (string Key, string Value)[] overrides)
    {
        var settings = Settings();
        foreach (var (key, value) in overrides)
        {
            settings[$"Papers:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddPaperBotSync(configuration)
            .BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<DailyPapersClient>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
