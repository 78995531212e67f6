using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Turns the exceptions that configuration loading, binding and validation throw into lines a user can act on:
/// the key as written in appsettings.json and as an environment variable (PAPERBOT_Llm__ContextSize), the value
/// and where it came from, or the file, line and column of a JSON syntax error.
/// </summary>
public static partial class ConfigurationErrors
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
        InvalidOperationException when BindingFailure().Match(e.Message) is { Success: true } m
            => [$"{Describe(m.Groups["key"].Value, configuration)}: {Expected(m.Groups["type"].Value)}"],
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

    private static List<string> Validation(OptionsValidationException e, IConfiguration? configuration)
    {
        var section = SectionOf(e.OptionsType);
        var lines = new List<string>();
        foreach (var failure in e.Failures)
        {
            if (DataAnnotationFailure().Match(failure) is { Success: true } m)
            {
                foreach (var member in m.Groups["members"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries))
                {
                    lines.Add($"{Describe($"{section}:{member}", configuration)}: {Reason(m.Groups["error"].Value)}");
                }
            }
            else if (MemberAtStart().Match(failure) is { Success: true } g)
            {
                // The compile-time validators ([OptionsValidator]) write "PageSize: The field ... must be ...".
                lines.Add($"{Describe($"{section}:{g.Groups["member"].Value}", configuration)}: {Reason(g.Groups["error"].Value)}");
            }
            else if (KeyAtStart().Match(failure) is { Success: true } k)
            {
                // Our own validators start their messages with the key ("Discord:ShardId (3) must be below ...").
                lines.Add($"{Describe(k.Groups["key"].Value, configuration)}: {Reason(k.Groups["error"].Value)}");
            }
            else
            {
                lines.Add($"{section}: {failure} (appsettings.json or PAPERBOT_{section}__<Key>)");
            }
        }

        return lines;
    }

    /// <summary>The section an options class binds to: its Section or SectionName constant, else its name without "Options".</summary>
    private static string SectionOf(Type optionsType) =>
        (optionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)
            ?? optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static))?.GetValue(null) as string
        ?? (optionsType.Name.EndsWith("Options", StringComparison.Ordinal) ? optionsType.Name[..^"Options".Length] : optionsType.Name);

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

    private static string FileOf(string loadMessage) =>
        QuotedPath().Match(loadMessage) is { Success: true } m ? m.Groups["path"].Value : "a configuration file";

    /// <summary>A validation message without the field's name, which the line already gives: "must be between 1 and 1000".</summary>
    private static string Reason(string error) => FieldPrefix().Replace(error.Trim(), "").TrimEnd('.');

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "not a whole number",
        "System.UInt32" or "System.UInt64" or "System.UInt16" => "not a whole number of 0 or more",
        "System.Single" or "System.Double" or "System.Decimal" => "not a number (use a dot for decimals: 0.7)",
        "System.Boolean" => "not true or false",
        "System.TimeSpan" => "not a duration (hh:mm:ss)",
        _ when type.StartsWith("System.", StringComparison.Ordinal) => $"not a valid {type["System.".Length..]}",
        _ when EnumNamed(type) is { } values => $"not one of {string.Join(", ", Enum.GetNames(values))}",
        _ => $"not a valid value for {type}",
    };

    /// <summary>The enum type of that full name among the loaded assemblies (the options' own), or null.</summary>
    private static Type? EnumNamed(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t is { IsEnum: true });

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^(?<key>[A-Z][A-Za-z]*:[A-Z][A-Za-z]*)(?: \([^)]*\))?:? (?<error>.*)$", RegexOptions.Singleline)]
    private static partial Regex KeyAtStart();

    [GeneratedRegex(@"^(?<member>[A-Z][A-Za-z]*): (?<error>.*)$", RegexOptions.Singleline)]
    private static partial Regex MemberAtStart();

    // DataAnnotations' "The field PapersOptions.PageSize must be ...", "The PapersOptions.ApiBaseUrl field is ...", and
    // our attributes' "Llm:Backend must be ...".
    [GeneratedRegex(@"^(The (field [\w.]+ |[\w.]+ field )|[A-Z][A-Za-z]*:[A-Z][A-Za-z]* (?=(must|is) ))")]
    private static partial Regex FieldPrefix();

    // The binder's message: "Failed to convert configuration value ['V' ]at 'Llm:ContextSize' to type 'System.Int32'."
    [GeneratedRegex(@"^Failed to convert configuration value.* at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindingFailure();

    [GeneratedRegex(@"'(?<path>[^']+)'")]
    private static partial Regex QuotedPath();
}
