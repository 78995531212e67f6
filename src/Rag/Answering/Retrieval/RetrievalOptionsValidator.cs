using Microsoft.Extensions.Options;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>Checks <see cref="RetrievalOptions"/>' attributes and its cross-key rule with code generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class RetrievalOptionsValidator : IValidateOptions<RetrievalOptions>;
