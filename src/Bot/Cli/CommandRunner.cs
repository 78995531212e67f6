using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Runs a command's body inside a started host and turns failures into a one-line message and the contract's
/// exit code: usage mistakes exit 1, input, data and configuration mistakes 2, model or network failures 3,
/// Ctrl+C 130 (SIGTERM 143). No stack trace reaches the user unless PAPERBOT_DEBUG is set.
/// </summary>
public static class CommandRunner
{
    /// <summary>The --json option every result-printing command takes.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON document on stdout instead of tables" };

    public static async Task<int> RunAsync(
        System.CommandLine.ParseResult parse, Option<bool>? json, Func<CommandContext, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken, Action<HostApplicationBuilder>? configure = null)
    {
        // Hand System.CommandLine its task at once: it installs its SIGINT/SIGTERM handler only when the action
        // returns one, so a body that ran synchronously to its end (an ingest) could not be interrupted.
        await Task.Yield();
        var output = CliOutput.ForConsole();
        using var signal = TerminationSignal.Listen();
        HostApplicationBuilder? builder = null;
        try
        {
            builder = CommandHost.CreateBuilder();
            configure?.Invoke(builder);
            using var host = builder.Build();

            // Validated here rather than by StartAsync, which would log the failure with its stack first.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.StartAsync(cancellationToken);
            try
            {
                var context = new CommandContext(host, output, json is not null && parse.GetValue(json), signal);
                return await body(context, cancellationToken);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error("cancelled");
            return signal.ExitCode;
        }
        catch (Exception e) when (ConfigurationErrors.Explain(e, builder?.Configuration) is { } problems)
        {
            foreach (var problem in problems)
            {
                output.Error($"invalid configuration: {problem}");
            }

            ShowDebugDetails(e);
            return ExitCodes.InputError;
        }
        catch (Exception e)
        {
            var (code, message) = Classify(e);
            output.Error(code == ExitCodes.Usage ? $"{message} (see 'paperbot {parse.CommandResult.Command.Name} --help')" : message);
            ShowDebugDetails(e);
            return code;
        }
    }

    /// <summary>The exit code and user-facing message for a failure.</summary>
    public static (int Code, string Message) Classify(Exception e) => e switch
    {
        _ when ConfigurationErrors.Explain(e, null) is { } problems => (ExitCodes.InputError, "invalid configuration: " + string.Join("; ", problems)),
        PaperBotException { Kind: FailureKind.Usage } => (ExitCodes.Usage, e.Message),
        PaperBotException { Kind: FailureKind.Input } => (ExitCodes.InputError, e.Message),
        PaperBotException => (ExitCodes.RuntimeFailure, e.Message),
        SqliteException s when IndexHealth.Describe(s) is { } damage => (ExitCodes.InputError, damage),
        HttpRequestException => (ExitCodes.RuntimeFailure, $"network failure: {e.Message}"),
        System.ClientModel.ClientResultException c => (ExitCodes.RuntimeFailure, $"the model server refused the request (HTTP {c.Status}): {c.Message}"),
        _ => (ExitCodes.RuntimeFailure, $"unexpected failure ({e.GetType().Name}): {e.Message} (set PAPERBOT_DEBUG=1 for details)"),
    };

    /// <summary>PAPERBOT_DEBUG=1: stack traces of failures, in error messages and logs.</summary>
    public static bool Debug => Environment.GetEnvironmentVariable("PAPERBOT_DEBUG") is "1" or "true";

    private static void ShowDebugDetails(Exception e)
    {
        if (Debug)
        {
            Console.Error.WriteLine(e.ToString());
        }
    }
}
