using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class LlamaModelHostTests(LlamaModels models)
{
    [Fact]
    public void LoadEngine_reports_progress_up_to_one_and_loads_only_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:ModelPath"] = models.Llama,
            ["Llm:ContextSize"] = "512",
            ["Llm:Parallel"] = "1",
            ["Llm:Threads"] = "1",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddPaperBotLlm(configuration).BuildServiceProvider();
        var host = provider.GetRequiredService<LlamaModelHost>();
        var reports = new List<float>();

        Assert.False(host.IsChatModelLoaded);
        var engine = host.LoadEngine(new SyncProgress<float>(reports.Add));

        Assert.True(host.IsChatModelLoaded);
        Assert.NotEmpty(reports);
        Assert.Equal(1f, reports[^1]);
        Assert.Same(engine, host.LoadEngine(new SyncProgress<float>(_ => Assert.Fail("loaded twice"))));
    }
}
