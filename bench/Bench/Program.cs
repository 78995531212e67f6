using System.CommandLine;
using PaperBot.Bench;
using PaperBot.Bench.Commands;
using PaperBot.Bench.Relevance;
using PaperBot.Bench.Watches;

// PaperBot's benchmarks, one subcommand each (bench/README.md). `--help` lists them; an unknown subcommand or
// option, or a bad value, prints the error and the usage and exits 1.
var root = new RootCommand("PaperBot benchmarks: dotnet run -c Release --project bench/Bench -- SUBCOMMAND [options]")
{
    BenchArguments.Command(),
    ServingBenchmark.Command(),
    DiscordSoak.Command(),
    IndexBenchmark.Command(),
    AnswerBenchmark.Command(),
    EmbeddingModelCommand.Command(),
    RelevanceFit.Command(),
    DayThemesCommand.Command(),
    RelatedBenchmark.Command(),
    PeriodDigestsCommand.Command(),
    CommandsBenchmark.Command(),
    WatchBenchmark.Command(),
};
return await root.Parse(args).InvokeAsync();
