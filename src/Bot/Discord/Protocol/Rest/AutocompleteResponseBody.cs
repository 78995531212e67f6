using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>The callback body of an autocomplete answer: type 8 with its choices.</summary>
internal sealed record AutocompleteResponseBody(InteractionCallbackType Type, AutocompleteData Data);

internal sealed record AutocompleteData(IReadOnlyList<AutocompleteChoice> Choices);
