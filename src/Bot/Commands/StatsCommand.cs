using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot stats</c>: what the index holds.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var json = CommandRunner.JsonOption();
        var command = new Command("stats", "Counts: entries read, distinct papers, days, date range, index size") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            var stats = ctx.Index(allowEmpty: true).Stats();
            if (ctx.Json)
            {
                ctx.Output.WriteJson(new
                {
                    entries_read = stats.EntriesRead,
                    papers = stats.Papers,
                    days = stats.Days,
                    first_day = stats.FirstDay,
                    last_day = stats.LastDay,
                    sources = stats.Sources,
                    index_bytes = stats.DatabaseBytes,
                    database = stats.DatabasePath,
                });
                return Task.FromResult(ExitCodes.Success);
            }

            var table = new Table().HideHeaders().AddColumns("", "");
            table.AddRow("Entries read", stats.EntriesRead.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("Distinct papers", stats.Papers.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("Days", stats.Days.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("Date range", $"{stats.FirstDay:yyyy-MM-dd} … {stats.LastDay:yyyy-MM-dd}");
            table.AddRow("Files ingested", stats.Sources.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("Index size", $"{stats.DatabaseBytes / 1024.0 / 1024.0:0.0} MiB");
            table.AddRow("Database", Markup.Escape(stats.DatabasePath));
            ctx.Output.Results.Write(table);
            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }
}
