using Microsoft.Extensions.Options;

namespace PaperBot.Bot.Chat;

/// <summary>Checks <see cref="ConsoleChatOptions"/>' attributes with code generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class ConsoleChatOptionsValidator : IValidateOptions<ConsoleChatOptions>;
