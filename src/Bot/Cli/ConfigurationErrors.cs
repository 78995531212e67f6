using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using PaperBot.Rag;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Turns the exceptions that configuration loading, binding and validation throw into lines a user can act on:
/// the key as written in appsettings.json and as an environment variable (PAPERBOT_Llm__ContextSize), the value
/// and where it came from, or the file, line and column of a JSON syntax error.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>The lines that explain <paramref name="e"/>, or null when it is not a configuration problem.</summary>
    public static IReadOnlyList<string>? Explain(Exception e, IConfiguration? configuration) => e switch
    {
        ConfigurationException c => c.Problems,
        OptionsValidationException o => Validation(o, configuration),
        AggregateException a when a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => Explain(i, configuration) is not null)
            => a.InnerExceptions.SelectMany(i => Explain(i, configuration)!).ToList(),
        InvalidDataException { InnerException: { } inner } when FindJsonError(inner) is { } json => [Syntax(e.Message, json)],

        // The JSON parser's own findings, such as "A duplicate key 'Data:Directory' was found."
        InvalidDataException { InnerException: FormatException inner } => [$"{FileOf(e.Message)}: {inner.Message}"],
        ConfigurationValueException v => [$"{Describe(v.Key, configuration)}: {Expected(v.TargetType)}"],
        _ => null,
    };

    /// <summary>"Llm:ContextSize = "-5" (from the environment variable PAPERBOT_Llm__ContextSize)", or "... is not set (...)".</summary>
    public static string Describe(string key, IConfiguration? configuration) =>
        configuration?[key] is { } value ? $"{key} = \"{value}\" ({Where(key, configuration)})" : $"{key} is not set ({Where(key, configuration)})";

    /// <summary>Where <paramref name="key"/>'s value comes from, and the environment variable that sets it.</summary>
    private static string Where(string key, IConfiguration? configuration)
    {
        var variable = "PAPERBOT_" + key.Replace(":", "__", StringComparison.Ordinal);
        if (configuration?[key] is null)
        {
            return $"set it in appsettings.json or as {variable}";
        }

        var source = Source(key, configuration);
        return source is null || source == variable ? $"from the environment variable {variable}" : $"from {source}; {variable} overrides it";
    }

    /// <summary>
    /// One line per failure. Our validators (SectionValidator) start each failure with the key at fault:
    /// "Llm:ContextSize must be between 256 and 1048576.".
    /// </summary>
    private static List<string> Validation(OptionsValidationException e, IConfiguration? configuration) =>
        [.. e.Failures.Select(failure => failure.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 && failure[..space].Contains(':', StringComparison.Ordinal)
            ? $"{Describe(failure[..space], configuration)}: {failure[(space + 1)..].TrimEnd('.')}"
            : $"{e.OptionsType.Name}: {failure}")];

    /// <summary>Which provider set <paramref name="key"/>: the last one that has it wins, as in the configuration itself.</summary>
    private static string? Source(string key, IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _))
            {
                continue;
            }

            return provider switch
            {
                JsonConfigurationProvider json => json.Source.FileProvider is Microsoft.Extensions.FileProviders.PhysicalFileProvider physical
                    ? Path.Combine(physical.Root, json.Source.Path ?? "")
                    : json.Source.Path,
                EnvironmentVariablesConfigurationProvider => "PAPERBOT_" + key.Replace(":", "__", StringComparison.Ordinal),
                _ => provider.ToString(),
            };
        }

        return null;
    }

    private static JsonException? FindJsonError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>"FILE: line L, column C: REASON". JsonException counts lines and bytes from 0.</summary>
    private static string Syntax(string loadMessage, JsonException json)
    {
        var file = FileOf(loadMessage);
        var reason = json.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal) is var i and > 0 ? i : reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return $"{file}: line {json.LineNumber + 1}, column {json.BytePositionInLine + 1}: not valid JSON: {reason.TrimEnd('.', ' ')}";
    }

    /// <summary>The file a load error names: the provider quotes its path ("... the JSON configuration file 'PATH'.").</summary>
    private static string FileOf(string loadMessage)
    {
        var open = loadMessage.IndexOf('\'', StringComparison.Ordinal);
        var close = open < 0 ? -1 : loadMessage.IndexOf('\'', open + 1);
        return close > open + 1 ? loadMessage[(open + 1)..close] : "a configuration file";
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "not a whole number",
        _ when type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) => "not a whole number of 0 or more",
        _ when type == typeof(float) || type == typeof(double) || type == typeof(decimal) => "not a number (use a dot for decimals: 0.7)",
        _ when type == typeof(bool) => "not true or false",
        _ when type == typeof(TimeSpan) => "not a duration (hh:mm:ss)",
        { IsEnum: true } => $"not one of {string.Join(", ", Enum.GetNames(type))}",
        _ => $"not a valid {type.Name}",
    };
}
