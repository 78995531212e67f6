using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PaperBot.Rag;
using PaperBot.Rag.Hosting;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Builds the Generic Host every command runs in: configuration from appsettings.json, user secrets and
/// PAPERBOT_-prefixed environment variables (PAPERBOT_Llm__ModelPath), logs on stderr only so that stdout
/// carries nothing but results.
/// </summary>
public static class CommandHost
{
    public static HostApplicationBuilder CreateBuilder()
    {
        var contentRoot = ContentRoot.Find();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            EnvironmentName = Environment.GetEnvironmentVariable("PAPERBOT_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddUserSecrets(typeof(CommandHost).Assembly, optional: true)
            .AddEnvironmentVariables("PAPERBOT_");
        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddConsole(o =>
            {
                o.FormatterName = OneLineConsoleFormatter.FormatterName;
                o.LogToStandardErrorThreshold = LogLevel.Trace;
            });
        builder.Services.AddSingleton<ConsoleFormatter>(new OneLineConsoleFormatter(withStackTraces: CommandRunner.Debug));
        if (!CommandRunner.Debug)
        {
            // The Hugging Face client's retry pipeline logs two long lines per attempt; PapersResilience logs one
            // short line per retry instead.
            builder.Logging.AddFilter("Polly", LogLevel.None);
        }

        try
        {
            builder.Services.AddPaperBotRag(builder.Configuration, contentRoot);
        }
        catch (Exception e) when (ConfigurationErrors.Explain(e, builder.Configuration) is { } problems)
        {
            // Registration reads the Llm section to decide whether a model is there: a value that does not bind fails here.
            throw new ConfigurationException(problems, e);
        }

        return builder;
    }
}
