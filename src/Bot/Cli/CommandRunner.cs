using System.CommandLine;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Runs a command's body inside a started host and turns failures into a one-line message and the contract's
/// exit code: user and data mistakes exit 2, model or network failures 3. No stack trace reaches the user
/// unless PAPERBOT_DEBUG is set.
/// </summary>
public static class CommandRunner
{
    /// <summary>The --json option every result-printing command takes.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON document on stdout instead of tables" };

    public static async Task<int> RunAsync(
        System.CommandLine.ParseResult parse, Option<bool>? json, Func<CommandContext, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken, Action<HostApplicationBuilder>? configure = null)
    {
        var output = CliOutput.ForConsole();
        try
        {
            var builder = CommandHost.CreateBuilder();
            configure?.Invoke(builder);
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            try
            {
                var context = new CommandContext(host, output, json is not null && parse.GetValue(json));
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
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            var (code, message) = Classify(e);
            output.Error(message);
            if (Environment.GetEnvironmentVariable("PAPERBOT_DEBUG") is "1" or "true")
            {
                Console.Error.WriteLine(e.ToString());
            }

            return code;
        }
    }

    /// <summary>The exit code and user-facing message for a failure.</summary>
    public static (int Code, string Message) Classify(Exception e) => e switch
    {
        UserInputException or CorpusFormatException or IndexException => (ExitCodes.InputError, e.Message),
        OptionsValidationException o => (ExitCodes.InputError, ConfigurationMessage(o)),
        HttpRequestException => (ExitCodes.RuntimeFailure, $"network failure: {e.Message}"),
        System.ClientModel.ClientResultException c => (ExitCodes.RuntimeFailure, $"the model server refused the request (HTTP {c.Status}): {c.Message}"),
        _ when e.GetType().Name.EndsWith("Exception", StringComparison.Ordinal) && e.GetType().Namespace?.StartsWith("PaperBot", StringComparison.Ordinal) == true
            => (ExitCodes.RuntimeFailure, e.Message),
        _ => (ExitCodes.RuntimeFailure, $"unexpected failure ({e.GetType().Name}): {e.Message} (set PAPERBOT_DEBUG=1 for details)"),
    };

    private static string ConfigurationMessage(OptionsValidationException e)
    {
        var section = e.OptionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string ?? e.OptionsType.Name;
        return $"invalid configuration in section '{section}' (appsettings.json or PAPERBOT_{section}__<Key>): {string.Join("; ", e.Failures)}";
    }
}
