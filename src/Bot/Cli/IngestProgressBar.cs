using PaperBot.Rag.Ingestion;
using Spectre.Console;

namespace PaperBot.Bot.Cli;

/// <summary>A progress bar over files for ingest work, on the status console.</summary>
public static class IngestProgressBar
{
    public static T Run<T>(IAnsiConsole console, string description, Func<IProgress<IngestProgress>, T> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            console.MarkupLineInterpolated($"[grey]{description}...[/]");
            return work(new Progress<IngestProgress>(_ => { }));
        }

        var result = default(T)!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(description);
                result = work(new SynchronousProgress<IngestProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }));
            });
        return result;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and lag behind).</summary>
    private sealed class SynchronousProgress<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }
}
