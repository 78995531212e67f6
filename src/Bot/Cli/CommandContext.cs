using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaperBot.Rag.Index;
using Spectre.Console;
using PaperBot.Rag;

namespace PaperBot.Bot.Cli;

/// <summary>What a command's body gets: the started host's services, where to write, and whether to write JSON.</summary>
public sealed class CommandContext(IHost host, CliOutput output, bool json, TerminationSignal? signal = null)
{
    public IServiceProvider Services => host.Services;

    public CliOutput Output { get; } = output;

    public bool Json { get; } = json;

    /// <summary>What a command stopped by Ctrl+C (130) or SIGTERM (143) exits with.</summary>
    public int CancelledExitCode => signal?.ExitCode ?? ExitCodes.Cancelled;

    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    /// <summary>
    /// The index, checked for damage (once per change, see <see cref="PaperStore.EnsureIntact"/>) and filled from
    /// the sample corpus first if it is empty (with a progress bar on stderr).
    /// </summary>
    public PaperStore Index()
    {
        Get<PaperStore>().EnsureIntact();
        var bootstrapper = Get<IndexBootstrapper>();
        if (bootstrapper.NeedsSeed)
        {
            var report = IngestProgressBar.Run(Output.Status, "Building the index from the sample corpus", p => bootstrapper.EnsureSeeded(p));
            if (report is not null)
            {
                Output.Status.MarkupLineInterpolated($"[grey]Indexed {Plural.Of(report.Added, "paper")} from {Plural.Of(report.Outcomes.Count, "sample file")}.[/]");
            }
        }

        return Get<PaperStore>();
    }
}
