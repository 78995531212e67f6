using System.CommandLine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Hosting;
using PaperBot.Rag.Watches;
using PaperBot.TestSupport;

namespace PaperBot.Bench;

/// <summary>What the benchmarks over real data share: the archive folder option and the services over an index of their own.</summary>
internal static class BenchIndex
{
    /// <summary>--archive: the folder of real Daily Papers API days (default: ../shared/data/hf-daily-papers beside the repository).</summary>
    public static Option<string> ArchiveOption() => new("--archive")
    {
        Description = "The folder of real Daily Papers API days",
        DefaultValueFactory = _ => Path.Combine(TestPaths.RepoRoot, "..", "shared", "data", "hf-daily-papers"),
    };

    /// <summary>The index, answering and watch services over an index in <paramref name="dataDirectory"/>, with <paramref name="chat"/> as the model if given.</summary>
    public static ServiceProvider Services(string dataDirectory, IChatClient? chat = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = dataDirectory }).Build();
        var services = new ServiceCollection().AddLogging();
        if (chat is not null)
        {
            services.AddSingleton(chat);
        }

        return services.AddPaperBotIndex(configuration, TestPaths.RepoRoot).AddPaperBotAnswering(configuration).AddPaperBotWatches().BuildServiceProvider();
    }

    /// <summary>
    /// The index, local models and answering services over an index in <paramref name="dataDirectory"/>, as the host wires
    /// them with <paramref name="settings"/> (Llm:ModelPath, Embeddings:ModelPath, …); no chat model unless one is named.
    /// </summary>
    public static ServiceProvider Services(string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Data:Directory"] = dataDirectory, ["Llm:ModelPath"] = "" };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddPaperBotIndex(configuration, TestPaths.RepoRoot)
            .AddPaperBotLlm(configuration, TestPaths.RepoRoot).AddPaperBotAnswering(configuration).BuildServiceProvider();
    }
}
