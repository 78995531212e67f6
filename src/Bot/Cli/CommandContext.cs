using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PaperBot.Rag;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using Spectre.Console;

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
    /// the sample corpus first if it is empty (with a progress bar on stderr). Still empty (no sample corpus beside
    /// a published or copied binary), it is refused with what to do, unless <paramref name="allowEmpty"/> (the
    /// commands that report on it or fill it): an answer from no papers would only say "not covered".
    /// </summary>
    public PaperStore Index(bool allowEmpty = false)
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

        var store = Get<PaperStore>();
        if (!allowEmpty && store.IsEmpty)
        {
            var seed = Get<PaperBotPaths>().SeedDirectory;
            throw new UserInputException($"the index at {store.DatabasePath} is empty: ingest your files with 'paperbot ingest PATH' or fetch days with 'paperbot sync'"
                + (Directory.Exists(seed) ? "" : $" (the sample corpus that fills a new index is not at {seed}; set Data:SeedDirectory to it)"));
        }

        return store;
    }
}
