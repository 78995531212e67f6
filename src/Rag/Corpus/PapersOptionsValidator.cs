using Microsoft.Extensions.Options;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// Checks <see cref="PapersOptions"/>' DataAnnotations attributes with code generated at compile time, which
/// needs no reflection and no Microsoft.Extensions.Options.DataAnnotations package.
/// </summary>
[OptionsValidator]
internal sealed partial class PapersOptionsValidator : IValidateOptions<PapersOptions>;
