using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PaperBot.Bot.Discord;

/// <summary>Checks the data annotations on <see cref="DiscordOptions"/> and the rules that span two keys, naming each key.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => r.MemberNames.Any() && !(r.ErrorMessage ?? "").Contains("Discord:", StringComparison.Ordinal)
            ? $"Discord:{string.Join(", Discord:", r.MemberNames)}: {r.ErrorMessage}"
            : r.ErrorMessage ?? "invalid").ToList();
        if (options.ShardId >= options.ShardCount)
        {
            failures.Add($"Discord:ShardId ({options.ShardId}) must be below Discord:ShardCount ({options.ShardCount}).");
        }

        if (!string.IsNullOrEmpty(options.GatewayUrl) && !Uri.TryCreate(options.GatewayUrl, UriKind.Absolute, out _))
        {
            failures.Add("Discord:GatewayUrl must be an absolute ws:// or wss:// URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
