namespace PaperBot.Rag.Tests.Llm;

/// <summary>The llama tests share their models and run one class at a time: the machine has few cores.</summary>
[CollectionDefinition(Name)]
public sealed class LlamaTestGroup : ICollectionFixture<LlamaModels>
{
    public const string Name = "llama";
}
