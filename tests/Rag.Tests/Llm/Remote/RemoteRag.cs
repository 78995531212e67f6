using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperBot.Rag.Hosting;
using PaperBot.Rag.Ingestion;
using PaperBot.TestSupport.Logging;

namespace PaperBot.Rag.Tests.Llm.Remote;

/// <summary>
/// PaperBot's answering services as the executable wires them (AddPaperBotRag), with Llm:Provider openai over the
/// given servers, an index of the sample corpus in a temp folder, and every log line captured.
/// </summary>
internal sealed class RemoteRag : IDisposable
{
    private readonly IHost _host;
    private readonly TempFolder _folder = new();

    public RemoteRag(IReadOnlyList<(string Url, string? ApiKey)> servers, IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Data:Directory"] = _folder.Path,
            ["Data:SeedDirectory"] = TestPaths.SeedDirectory,
            ["Llm:ModelPath"] = "",
            ["Llm:Provider"] = "openai",
            ["Llm:MaxAnswerTokens"] = "24",
            ["Llm:RequestTimeoutSeconds"] = "20",
            ["Llm:RetryAfterSeconds"] = "1",
        };
        for (var i = 0; i < servers.Count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"Llm:Endpoints:{i}:");
            configuration[key + "Url"] = servers[i].Url;
            configuration[key + "Model"] = "tiny";
            configuration[key + "Parallel"] = "2";
            configuration[key + "ApiKey"] = servers[i].ApiKey;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _folder.Path });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddPaperBotRag(builder.Configuration, TestPaths.RepoRoot);
        _host = builder.Build();
        Services.GetRequiredService<IndexBootstrapper>().EnsureSeeded();
    }

    public IServiceProvider Services => _host.Services;

    public CapturingLoggerProvider Logs { get; } = new();

    public void Dispose()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
