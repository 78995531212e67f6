using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Rag.Llm.Remote;

namespace PaperBot.Rag.Tests.Llm.Remote;

/// <summary>The provider's configuration is checked on start, with messages that name the key at fault.</summary>
public sealed class RemoteOptionsTests
{
    [Fact]
    public void The_openai_provider_needs_endpoints()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Llm:Provider"] = "openai" }));

        Assert.Contains("Llm:Endpoints must list at least one server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_endpoint_needs_an_http_url_a_model_and_a_positive_parallel()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoints:0:Url"] = "gpu1:8000",
            ["Llm:Endpoints:0:Parallel"] = "0",
        }));

        Assert.Contains("Llm:Endpoints:0:Url must be an http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("Llm:Endpoints:0:Model", error.Message, StringComparison.Ordinal);
        Assert.Contains("Llm:Endpoints:0:Parallel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_is_refused_and_local_needs_no_endpoints()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Llm:Provider"] = "vllm" }));

        Assert.Contains("Llm:Provider must be local or openai", error.Message, StringComparison.Ordinal);
        Assert.Equal("local", Resolve([]).Provider);
    }

    [Fact]
    public void Display_urls_never_carry_user_info()
    {
        var endpoint = new RemoteEndpointOptions { Url = "http://user:secret@gpu1:8000/v1?key=x" };

        Assert.Equal("http://gpu1:8000/v1", endpoint.DisplayUrl);
    }

    private static PaperBot.Rag.Llm.LlmOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPaperBotLlm(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<PaperBot.Rag.Llm.LlmOptions>>().Value;
    }
}
