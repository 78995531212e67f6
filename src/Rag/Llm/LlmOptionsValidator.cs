using Microsoft.Extensions.Options;

namespace PaperBot.Rag.Llm;

/// <summary>
/// Checks <see cref="LlmOptions"/>' attributes and its own cross-key rules (<see cref="LlmOptions.Validate"/>) with
/// code generated at compile time.
/// </summary>
[OptionsValidator]
internal sealed partial class LlmOptionsValidator : IValidateOptions<LlmOptions>;
