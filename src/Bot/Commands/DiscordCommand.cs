using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Cli;
using PaperBot.Bot.Discord;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Rag;
using PaperBot.Rag.Llm;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot discord</c>: runs the Discord bot until Ctrl+C or SIGTERM.</summary>
public static class DiscordCommand
{
    public const string MissingToken =
        "Discord:Token is not set: put the bot token (Developer Portal → your application → Bot → Reset Token) in " +
        "the PAPERBOT_Discord__Token environment variable, or run `dotnet user-secrets set Discord:Token <token> --project src/Bot`.";

    public static Command Create()
    {
        var command = new Command("discord", "Run the Discord bot until stopped (Ctrl+C)");
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, null, async (ctx, token) =>
        {
            var lifetime = ctx.Get<IHostApplicationLifetime>();
            if (ctx.Get<UnusableModelNotice>().Take() is { } notice)
            {
                // Told to whoever starts the bot, once; the people on Discord just get extractive answers.
                ctx.Output.Status.MarkupLineInterpolated($"[grey]{notice}[/]");
            }

            ctx.Output.Status.MarkupLine("[grey]PaperBot is connecting to Discord; press Ctrl+C to stop.[/]");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token, lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C, SIGTERM or a fatal refusal: the runner stops the host (answers end, the gateway closes with 1000).
            }

            // The gateway completes its dispatches with the refusal before it stops the host, so this is settled here.
            if (ctx.Get<GatewayClient>().Dispatches.Completion is { IsFaulted: true } refused
                && refused.Exception.InnerException is DiscordFatalException fatal)
            {
                ctx.Output.Error(fatal.Message);
                return ExitCodes.RuntimeFailure;
            }

            return ExitCodes.Success;
        }, ct, builder =>
        {
            builder.Logging.AddFilter(CommandHost.RefusalLogCategory, LogLevel.Warning);
            if (string.IsNullOrWhiteSpace(SectionBinding.Read<DiscordOptions>(builder.Configuration, DiscordOptions.SectionName).Token))
            {
                throw new UserInputException(MissingToken);
            }

            builder.Services.AddPaperBotDiscord(builder.Configuration);
        }));
        return command;
    }
}
