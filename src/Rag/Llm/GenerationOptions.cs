namespace PaperBot.Rag.Llm;

/// <summary>Sampling and stopping for one request. Temperature 0 means greedy (argmax) decoding.</summary>
public sealed record GenerationOptions
{
    // The defaults are the configuration's, written once in LlmOptions (but for RepeatPenalty, off unless asked for).
    private static readonly LlmOptions Defaults = new();

    public static GenerationOptions Greedy { get; } = new() { Temperature = 0 };

    public int MaxTokens { get; init; } = Defaults.MaxAnswerTokens;

    public float Temperature { get; init; } = Defaults.Temperature;

    public int TopK { get; init; } = 40;

    public float TopP { get; init; } = Defaults.TopP;

    public float MinP { get; init; } = Defaults.MinP;

    /// <summary>1 = off.</summary>
    public float RepeatPenalty { get; init; } = 1.0f;

    /// <summary>How many of the last tokens the repeat penalty looks at.</summary>
    public int RepeatLastN { get; init; } = 64;

    /// <summary>Null = a random seed.</summary>
    public uint? Seed { get; init; }

    /// <summary>Generation ends before the first occurrence of any of these; the stop text is not returned.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];
}
