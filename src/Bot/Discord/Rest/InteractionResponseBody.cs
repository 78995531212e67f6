using PaperBot.Bot.Discord.Models;

namespace PaperBot.Bot.Discord.Rest;

internal sealed record InteractionResponseBody(InteractionCallbackType Type, MessageBody? Data);
