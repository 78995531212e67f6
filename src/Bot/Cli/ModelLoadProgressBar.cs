using PaperBot.Rag.Llm.Local;
using Spectre.Console;

namespace PaperBot.Bot.Cli;

/// <summary>Loads the chat model up front with a progress bar on the status console (seconds for a large model).</summary>
public static class ModelLoadProgressBar
{
    public static LlamaEngine Load(IAnsiConsole console, LlamaModelHost host, string name)
    {
        if (host.IsChatModelLoaded)
        {
            return host.Engine;
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            console.MarkupLineInterpolated($"[grey]Loading the model {name}...[/]");
            return host.LoadEngine(new Progress<float>());
        }

        LlamaEngine engine = null!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"Loading the model {Markup.Escape(name)}", maxValue: 1);
                engine = host.LoadEngine(new SynchronousProgress(p => task.Value = p));
                task.Value = 1;
            });
        return engine;
    }

    /// <summary>Reports on the loading thread, so the bar follows the load without lag.</summary>
    private sealed class SynchronousProgress(Action<float> report) : IProgress<float>
    {
        public void Report(float value) => report(value);
    }
}
