using System.CommandLine;
using PaperBot.Bot.Cli;

// Ctrl+C/SIGTERM cancel the command; System.CommandLine would kill the process 2 s later by default, too soon for
// the Discord bot to edit "shutting down" into running answers and close its gateway with 1000.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await PaperBotCli.Build().Parse(args).InvokeAsync(invocation);
