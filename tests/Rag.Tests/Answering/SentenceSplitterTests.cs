using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>Sentences of real abstracts (tests/Rag.Tests/Corpus/HfArchive and the sample corpus), as answers and digests quote them.</summary>
public sealed class SentenceSplitterTests
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);

    [Fact]
    public void A_reference_to_a_section_does_not_end_the_sentence()
    {
        var sentences = SentenceSplitter.Split(Abstract("2025-09-30.json", "2509.23808"));

        Assert.Contains("Our analysis reveals that at the hidden-state level, exploration and exploitation could be decoupled (Sec. 4).", sentences);
    }

    [Fact]
    public void A_period_glued_to_the_next_sentence_ends_it()
    {
        var sentences = SentenceSplitter.Split(Abstract("2025-09-30.json", "2509.24473"));

        Assert.Contains("However, it still remains a critical unresolved challenge for Multimodal Large Language Models (MLLMs).", sentences);
        Assert.Contains("Among them, RoboBrain2.0-Euclid-7B achieves 49.6% accuracy, surpassing the previous state-of-the-art model, Spatial-MLLM.", sentences);
        Assert.Contains(sentences, s => s.StartsWith("To our knowledge, this is the first systematic study", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_starting_in_lower_case_is_a_sentence_of_its_own()
    {
        var bolt = SentenceSplitter.Split(Abstract("2025-02-07.json", "2502.03860"));
        var kinema = SentenceSplitter.Split(Abstract(Path.Combine(TestPaths.SeedDirectory, "2026-03-18.json"), "2603.16669"));

        Assert.Equal("Large language models (LLMs), such as o1 from OpenAI, have demonstrated remarkable reasoning capabilities.", bolt[0]);
        Assert.Equal("o1 generates a long chain-of-thought (LongCoT) before answering a question.", bolt[1]);
        Assert.Contains(kinema, s => s.StartsWith("ii) Generative 4D modeling of environmental reactions:", StringComparison.Ordinal));
    }

    [Fact]
    public void Abbreviations_and_lists_inside_a_sentence_keep_it_whole()
    {
        var sentences = SentenceSplitter.Split(
            "Results hold w.r.t. the baseline, e.g. the U.S. data and Fig. 3 (Smith et al. 2023), vs. 41.6% before. It uses 1. spatial and 2. temporal cues, images, text, etc. and audio. "
            + "We release code, models, data, etc. The gains are large... and stable. Hogwild! inference is fast.");

        Assert.Equal(
            [
                "Results hold w.r.t. the baseline, e.g. the U.S. data and Fig. 3 (Smith et al. 2023), vs. 41.6% before.",
                "It uses 1. spatial and 2. temporal cues, images, text, etc. and audio.",
                "We release code, models, data, etc.",
                "The gains are large... and stable.",
                "Hogwild! inference is fast.",
            ],
            sentences);
    }

    private static string Abstract(string file, string id)
    {
        var path = Path.IsPathRooted(file) ? file : TestPaths.HfArchive(file);
        return CorpusFileReader.Read(path, AsOf).Entries.Single(e => e.Paper.Id == id).Paper.Abstract;
    }
}
