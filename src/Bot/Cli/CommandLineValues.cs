using System.CommandLine;
using System.CommandLine.Parsing;
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

    /// <summary>Rejects whole-number values of <paramref name="option"/> (int or int?) outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<T> InRange<T>(this Option<T> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is int value && (value < min || value > max))
            {
                result.AddError($"{option.Name} must be between {min} and {max}, not {value}");
            }
        });
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
