using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using PaperBot.Bot.Discord;
using PaperBot.Rag;
using PaperBot.Rag.Llm.Remote;

namespace PaperBot.Bot.Tests;

/// <summary>
/// docs/configuration.md is the only description of the settings, so it must say what the options classes bind:
/// every key they read, no key they do not, and the same defaults. A new setting without its row, a renamed one or
/// a changed default fails here instead of misleading a reader.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    /// <summary>How the docs write "no value": a missing token, an empty list, an optional setting left out.</summary>
    private static readonly HashSet<string> NoValue = ["empty", "none", "(none)", "—", "[]", "(required)", "0 (off)"];

    [Fact]
    public void Every_bound_setting_has_a_row_and_every_row_is_a_bound_setting()
    {
        var rows = DocumentedSettings();
        var bound = BoundSettings(rows).Keys.ToHashSet(StringComparer.Ordinal);
        var documented = rows.Keys.ToHashSet(StringComparer.Ordinal);

        Assert.True(bound.Count > 50, $"the options classes were not found: {bound.Count} settings");
        Assert.Empty(bound.Except(documented).Order());
        Assert.Empty(documented.Except(bound).Order());
    }

    [Fact]
    public void The_documented_defaults_are_the_options_classes_defaults()
    {
        var rows = DocumentedSettings();
        var bound = BoundSettings(rows);
        var mismatches = rows
            .Where(row => row.Value is { } shown && bound.TryGetValue(row.Key, out var actual) && !SameDefault(shown, actual))
            .Select(row => $"{row.Key}: docs say {row.Value}, the code has {Describe(bound[row.Key])}")
            .ToList();

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>The keys the options classes bind, with their default values.</summary>
    private static Dictionary<string, object?> BoundSettings(Dictionary<string, string?> documented)
    {
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        var types = new[] { typeof(DataOptions).Assembly, typeof(DiscordOptions).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options", StringComparison.Ordinal));
        foreach (var type in types)
        {
            if (SectionOf(type) is not { } section)
            {
                continue; // built in code from other settings (RequestQueueOptions), not bound to a section
            }

            var instance = Activator.CreateInstance(type);
            foreach (var property in Bindable(type))
            {
                if (property.PropertyType == typeof(List<RemoteEndpointOptions>))
                {
                    AddEndpointFields(settings, $"{section}:{property.Name}", documented);
                    continue;
                }

                settings[$"{section}:{property.Name}"] = property.GetValue(instance);
            }
        }

        return settings;
    }

    /// <summary>A list of servers is documented as the key itself or field by field (<c>Llm:Endpoints:N:Url</c>).</summary>
    private static void AddEndpointFields(Dictionary<string, object?> settings, string key, Dictionary<string, string?> documented)
    {
        if (documented.ContainsKey(key))
        {
            settings[key] = null;
            return;
        }

        var endpoint = new RemoteEndpointOptions();
        foreach (var field in Bindable(typeof(RemoteEndpointOptions)))
        {
            settings[$"{key}:N:{field.Name}"] = field.GetValue(endpoint);
        }
    }

    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static string? SectionOf(Type type) =>
        (type.GetField("Section", BindingFlags.Public | BindingFlags.Static)
         ?? type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static))?.GetValue(null) as string;

    /// <summary>
    /// The keys of the tables in docs/configuration.md with the default column's text. A row may name several keys
    /// (<c>`Llm:Temperature` / `TopP`</c>): a key without a section takes the previous key's, and the defaults are
    /// then split the same way (<c>0.7 / 0.95</c>).
    /// </summary>
    private static Dictionary<string, string?> DocumentedSettings()
    {
        var rows = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(TestPaths.RepoRoot, "docs", "configuration.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || !cells[1].StartsWith('`'))
            {
                continue;
            }

            var names = Code().Matches(cells[1]).Select(m => m.Groups[1].Value).ToList();
            var defaults = cells[2].Split(" / ");
            string? section = null;
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                var key = name.Contains(':', StringComparison.Ordinal) ? name : $"{section}:{name}";
                section = key[..key.LastIndexOf(':')];
                rows[key] = defaults.Length == names.Count ? defaults[i].Trim() : names.Count == 1 ? cells[2] : null;
            }
        }

        return rows;
    }

    private static bool SameDefault(string shown, object? actual)
    {
        var text = shown.Replace("`", "", StringComparison.Ordinal).Trim();
        if (text == "(required)")
        {
            return actual is null or "" or 0 or 0UL;
        }

        return actual switch
        {
            null or "" => NoValue.Contains(text) || text.StartsWith('(') || text == "0",
            string value => string.Equals(text, value, StringComparison.Ordinal),
            IEnumerable list => !list.Cast<object>().Any() && NoValue.Contains(text),
            bool b => string.Equals(text, b ? "true" : "false", StringComparison.OrdinalIgnoreCase),
            IFormattable number => text == number.ToString(null, CultureInfo.InvariantCulture)
                                   || text.Replace(",", "", StringComparison.Ordinal) == number.ToString(null, CultureInfo.InvariantCulture)
                                   || (text.StartsWith(number.ToString(null, CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        IEnumerable list => $"[{string.Join(", ", list.Cast<object>())}]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    [GeneratedRegex("`([A-Za-z][A-Za-z:]*)`")]
    private static partial Regex Code();
}
