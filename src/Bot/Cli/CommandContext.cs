using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaperBot.Rag.Index;
using Spectre.Console;

namespace PaperBot.Bot.Cli;

/// <summary>What a command's body gets: the started host's services, where to write, and whether to write JSON.</summary>
public sealed class CommandContext(IHost host, CliOutput output, bool json)
{
    public IServiceProvider Services => host.Services;

    public CliOutput Output { get; } = output;

    public bool Json { get; } = json;

    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>The index, filled from the sample corpus first if it is empty (with a progress bar on stderr).</summary>
    public PaperStore Index()
    {
        var bootstrapper = Get<IndexBootstrapper>();
        if (bootstrapper.NeedsSeed)
        {
            var report = IngestProgressBar.Run(Output.Status, "Building the index from the sample corpus", p => bootstrapper.EnsureSeeded(p));
            if (report is not null)
            {
                Output.Status.MarkupLineInterpolated($"[grey]Indexed {report.Added} papers from {report.Outcomes.Count} sample files.[/]");
            }
        }

        return Get<PaperStore>();
    }
}
