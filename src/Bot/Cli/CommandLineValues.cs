using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PaperBot.Rag;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Options and checks shared by the commands. A value that cannot be right (a date that does not exist, a count
/// out of range, an empty range of days) is a usage error: the parser reports it and exits 1 before any work.
/// </summary>
public static class CommandLineValues
{
    /// <summary>An option that takes one day as YYYY-MM-DD.</summary>
    public static Option<DateOnly?> DayOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = ParseDay,
    };

    /// <summary>
    /// Makes <paramref name="option"/> (int or int?) take a whole number in [<paramref name="min"/>, <paramref name="max"/>]:
    /// anything else ("abc", "1.5", a number out of range) is a usage error naming the option and the range.
    /// </summary>
    public static Option<T> InRange<T>(this Option<T> option, int min, int max)
    {
        // Our own parser rather than the default one: the default reports "abc" as an exception that validators
        // reading the value would rethrow.
        option.CustomParser = result => WholeNumber(result, option.Name, min, max) is { } value ? (T)(object)value : default;
        return option;
    }

    /// <summary>Rejects a --from after --to: the range would be empty, whatever the index holds.</summary>
    public static void DayOrder(Command command, Option<DateOnly?> from, Option<DateOnly?> to) =>
        command.Validators.Add(result =>
        {
            DateOnly? f, t;
            try
            {
                (f, t) = (result.GetValue(from), result.GetValue(to));
            }
            catch (InvalidOperationException)
            {
                return; // one of them is not a date: that error is already reported
            }

            if (f > t)
            {
                result.AddError($"the day range is empty: {from.Name} {f:yyyy-MM-dd} is after {to.Name} {t:yyyy-MM-dd}");
            }
        });

    /// <summary>Rejects empty or blank values of a path argument ("" would otherwise mean the working directory).</summary>
    public static Argument<string[]> NonBlank(this Argument<string[]> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>()?.Any(string.IsNullOrWhiteSpace) == true)
            {
                result.AddError($"{argument.Name} must not be empty");
            }
        });
        return argument;
    }

    /// <summary>Rejects an empty or blank value (an empty question).</summary>
    public static Argument<string> NonBlank(this Argument<string> argument)
    {
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{argument.Name} must not be empty");
            }
        });
        return argument;
    }

    private static int? WholeNumber(ArgumentResult result, string name, int min, int max)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            var shown = token.Length > 40 ? token[..40] + "…" : token;
            result.AddError($"{name} must be a whole number between {min} and {max}, not \"{shown}\"");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError($"{name} must be between {min} and {max}, not {value}");
            return null;
        }

        return value;
    }

    private static DateOnly? ParseDay(ArgumentResult result)
    {
        var name = (result.Parent as OptionResult)?.Option.Name ?? "date";
        try
        {
            return DayParser.Parse(result.Tokens.Count > 0 ? result.Tokens[0].Value : "", name);
        }
        catch (UserInputException e)
        {
            result.AddError(e.Message);
            return null;
        }
    }
}
