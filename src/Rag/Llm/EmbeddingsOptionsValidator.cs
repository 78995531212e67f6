using Microsoft.Extensions.Options;

namespace PaperBot.Rag.Llm;

/// <summary>
/// Checks <see cref="EmbeddingsOptions"/>' attributes and its own cross-key rules (<see cref="EmbeddingsOptions.Validate"/>)
/// with code generated at compile time.
/// </summary>
[OptionsValidator]
internal sealed partial class EmbeddingsOptionsValidator : IValidateOptions<EmbeddingsOptions>;
