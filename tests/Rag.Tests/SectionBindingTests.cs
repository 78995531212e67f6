using Microsoft.Extensions.Configuration;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Llm;

namespace PaperBot.Rag.Tests;

/// <summary>A value that does not convert is reported with its key and type, however deep in the section it sits.</summary>
public sealed class SectionBindingTests
{
    [Theory]
    [InlineData("Llm:ContextSize", "lots", typeof(int))]
    [InlineData("Llm:Seed", "-1", typeof(uint))]
    [InlineData("Llm:Endpoints:1:Parallel", "four", typeof(int))]
    public void A_value_that_does_not_convert_names_its_key_and_type(string key, string value, Type type)
    {
        var configuration = Configuration(new() { ["Llm:Endpoints:0:Url"] = "http://a/v1", ["Llm:Endpoints:1:Url"] = "http://b/v1", [key] = value });

        var error = Assert.Throws<ConfigurationValueException>(() => SectionBinding.Read<LlmOptions>(configuration, LlmOptions.SectionName));

        Assert.Equal(key, error.Key);
        Assert.Equal(type, error.TargetType);
        Assert.Equal(FailureKind.Input, error.Kind);
    }

    [Fact]
    public void Valid_values_bind_and_an_empty_value_leaves_a_nullable_setting_unset()
    {
        var configuration = Configuration(new() { ["Llm:Seed"] = "", ["Llm:Endpoints:0:Parallel"] = "8", ["Retrieval:UseEmbeddings"] = "off" });

        var llm = SectionBinding.Read<LlmOptions>(configuration, LlmOptions.SectionName);
        var retrieval = SectionBinding.Read<RetrievalOptions>(configuration, RetrievalOptions.Section);

        Assert.Null(llm.Seed);
        Assert.Equal(8, Assert.Single(llm.Endpoints).Parallel);
        Assert.Equal(4096, llm.ContextSize);
        Assert.Equal(EmbeddingUse.Off, retrieval.UseEmbeddings);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
