using PaperBot.Rag.Index;

namespace PaperBot.Rag.Ingestion;

/// <summary>Fills an empty index from the sample corpus, so a fresh clone has papers to answer from.</summary>
public sealed class IndexBootstrapper(PaperStore store, Ingestor ingestor, PaperBotPaths paths)
{
    /// <summary>True when the index is empty and the sample corpus is there to fill it.</summary>
    public bool NeedsSeed => store.IsEmpty && Directory.Exists(paths.SeedDirectory);

    /// <summary>Ingests the sample corpus when the index is empty; returns null when nothing had to be done.</summary>
    public IngestReport? EnsureSeeded(IProgress<IngestProgress>? progress = null)
    {
        if (!NeedsSeed)
        {
            return null;
        }

        var files = Ingestor.ExpandPaths([paths.SeedDirectory]);
        return ingestor.IngestFiles(files, asOf: null, progress);
    }
}
