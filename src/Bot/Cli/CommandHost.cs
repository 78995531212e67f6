using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PaperBot.Rag;
using PaperBot.Rag.Hosting;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Builds the Generic Host every command runs in: configuration from appsettings.json, user secrets and
/// PAPERBOT_-prefixed environment variables (PAPERBOT_Llm__ModelPath), logs on stderr only so that stdout
/// carries nothing but results.
/// </summary>
public static class CommandHost
{
    /// <summary>The log category of the one line that says why llama.cpp refused the model.</summary>
    public static readonly string RefusalLogCategory = typeof(ModelRefusalChatClient).FullName!;

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

        // A model llama.cpp refuses reaches the user as the answer's or digest's notice; the same words as a log line
        // would say it twice. The Discord bot, whose notices nobody at the terminal sees, logs it instead.
        builder.Logging.AddFilter(RefusalLogCategory, LogLevel.Error);

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
