using PaperBot.Rag.Llm;
using Spectre.Console;

namespace PaperBot.Bot.Cli;

/// <summary>Loads the chat model up front with a progress bar on the status console, when it is not loaded yet.</summary>
public static class ModelLoadProgressBar
{
    public static LlamaEngine Load(IAnsiConsole console, LlamaModelHost host, string modelPath)
    {
        if (host.IsChatModelLoaded || !console.Profile.Capabilities.Interactive)
        {
            return host.Engine;
        }

        LlamaEngine engine = null!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"Loading {Markup.Escape(Path.GetFileName(modelPath))}", maxValue: 1);
                host.LoadProgress = new SynchronousProgress(p => task.Value = p);
                try
                {
                    engine = host.Engine;
                }
                finally
                {
                    host.LoadProgress = null;
                }
            });
        return engine;
    }

    private sealed class SynchronousProgress(Action<float> report) : IProgress<float>
    {
        public void Report(float value) => report(value);
    }
}
