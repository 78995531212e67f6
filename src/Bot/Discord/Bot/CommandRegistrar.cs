using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol.Rest;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Registers <see cref="SlashCommandCatalog.All"/> by bulk overwrite: in each of Discord:GuildIds (updates instantly),
/// else globally. Overwriting is idempotent, so it runs on every start.
/// </summary>
public sealed class CommandRegistrar(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
{
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var guilds = options.Value.GuildIds;
        if (guilds.Count == 0)
        {
            await RegisterOneAsync("global", ct => rest.BulkOverwriteGlobalCommandsAsync(SlashCommandCatalog.All, ct), cancellationToken);
            return;
        }

        foreach (var guild in guilds)
        {
            await RegisterOneAsync($"guild {guild}", ct => rest.BulkOverwriteGuildCommandsAsync(guild, SlashCommandCatalog.All, ct), cancellationToken);
        }
    }

    private async Task RegisterOneAsync(string scope, Func<CancellationToken, Task> overwrite, CancellationToken cancellationToken)
    {
        try
        {
            await overwrite(cancellationToken);
            DiscordBotLog.CommandsRegistered(logger, SlashCommandCatalog.All.Count, scope);
        }
        catch (DiscordHttpException e)
        {
            // One guild refusing (the bot was removed from it) must not stop the others or the bot.
            DiscordBotLog.RegistrationFailed(logger, scope, e);
        }
    }
}
