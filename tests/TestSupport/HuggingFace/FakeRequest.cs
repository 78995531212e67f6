namespace PaperBot.TestSupport.HuggingFace;

/// <summary>A request the fake Hugging Face server received.</summary>
public sealed record FakeRequest(string Path, IReadOnlyDictionary<string, string> Query, string? Authorization)
{
    public string? this[string parameter] => Query.GetValueOrDefault(parameter);
}
