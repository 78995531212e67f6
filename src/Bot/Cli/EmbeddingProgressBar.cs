using PaperBot.Rag.Answering.Retrieval;
using Spectre.Console;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Embeds the abstracts that have no vector yet, with a progress bar on the status console, so that the first
/// question after an ingest does not sit silent while hundreds of abstracts are embedded.
/// </summary>
public static class EmbeddingProgressBar
{
    public static async Task RunAsync(IAnsiConsole console, Retriever retriever, CancellationToken cancellationToken)
    {
        if (retriever.Embeddings is not { } index)
        {
            return;
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            var count = await index.EmbedMissingAsync(null, cancellationToken);
            if (count > 0)
            {
                console.MarkupLineInterpolated($"[grey]Embedded {count} abstracts.[/]");
            }

            return;
        }

        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Embedding abstracts");
                await index.EmbedMissingAsync(new SynchronousProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }), cancellationToken);
                task.Value = task.MaxValue;
            });
    }

    /// <summary>Reports on the calling thread, so the bar follows the work without lag.</summary>
    private sealed class SynchronousProgress(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }
}
