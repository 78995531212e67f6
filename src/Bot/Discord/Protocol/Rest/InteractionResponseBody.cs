using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Protocol.Rest;

internal sealed record InteractionResponseBody(InteractionCallbackType Type, MessageBody? Data);
