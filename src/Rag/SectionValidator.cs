using Microsoft.Extensions.Options;

namespace PaperBot.Rag;

/// <summary>
/// Runs an options class's generated validator and writes each failure as one sentence that starts with the full key
/// of the setting at fault: "Discord:StreamEditIntervalMs must be between 250 and 60000.". The generator writes
/// "Member: message" (ValidateOptionsResultBuilder's form), naming the member relative to the class and repeating it in
/// DataAnnotations' default messages ("The field DiscordOptions.StreamEditIntervalMs must be ..."); our own messages
/// already start with the key ("Llm:Backend must be cpu or cuda.").
/// </summary>
public sealed class SectionValidator<TOptions>(IValidateOptions<TOptions> generated, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = generated.Validate(name, options);
        if (!result.Failed)
        {
            return result;
        }

        var display = string.IsNullOrEmpty(name) ? typeof(TOptions).Name : name;
        return ValidateOptionsResult.Fail((result.Failures ?? []).SelectMany(failure => Sentences(failure, display)));
    }

    private IEnumerable<string> Sentences(string failure, string display)
    {
        var colon = failure.IndexOf(": ", StringComparison.Ordinal);
        var members = colon > 0 ? failure[..colon].Split(", ") : [];
        if (members.Length == 0 || members.Any(m => m.Length == 0 || m.Contains(' ', StringComparison.Ordinal)))
        {
            return [failure];
        }

        var message = failure[(colon + 2)..];
        return members.Select(member => $"{section}:{member} {Reason(message, display, member)}");
    }

    /// <summary>The message without the setting's name, which the sentence starts with: "must be between 1 and 1000.".</summary>
    private string Reason(string message, string display, string member)
    {
        foreach (var prefix in new[] { $"The field {display}.{member} ", $"The {display}.{member} field ", $"{section}:{member} " })
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                return message[prefix.Length..];
            }
        }

        return message;
    }
}
