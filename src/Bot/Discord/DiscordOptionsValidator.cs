using Microsoft.Extensions.Options;

namespace PaperBot.Bot.Discord;

/// <summary>Checks <see cref="DiscordOptions"/>' attributes and its cross-key rules with code generated at compile time.</summary>
[OptionsValidator]
public sealed partial class DiscordOptionsValidator : IValidateOptions<DiscordOptions>;
