using PaperBot.Rag.Llm;
using Spectre.Console;

namespace PaperBot.Bot.Chat;

/// <summary>A progress bar on the status console while the chat model loads (seconds for a large model).</summary>
public static class ModelLoadProgressBar
{
    public static void Run(ChatView view, LlamaModelHost host, string name)
    {
        if (!view.Interactive || !view.Status.Profile.Capabilities.Interactive)
        {
            view.Info($"Loading the model {name}...");
            host.LoadEngine(new Progress<float>());
            return;
        }

        view.Status.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"Loading the model {Markup.Escape(name)}", maxValue: 1);
                host.LoadEngine(new SynchronousProgress(p => task.Value = p));
                task.Value = 1;
            });
    }

    /// <summary>Reports on the loading thread, so the bar follows the load without lag.</summary>
    private sealed class SynchronousProgress(Action<float> report) : IProgress<float>
    {
        public void Report(float value) => report(value);
    }
}
