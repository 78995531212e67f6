using Microsoft.Extensions.Options;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>The endpoint list is only required (and checked) when the provider is "openai".</summary>
internal sealed class RemoteLlmOptionsValidator : IValidateOptions<RemoteLlmOptions>
{
    public ValidateOptionsResult Validate(string? name, RemoteLlmOptions options)
    {
        if (!options.IsRemote)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = RemoteEndpointsValidation.Errors(RemoteLlmOptions.SectionName, options.Endpoints).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
