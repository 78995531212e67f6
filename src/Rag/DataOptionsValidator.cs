using Microsoft.Extensions.Options;

namespace PaperBot.Rag;

/// <summary>Checks <see cref="DataOptions"/>' attributes with code generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class DataOptionsValidator : IValidateOptions<DataOptions>;
