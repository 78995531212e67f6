using System.Globalization;

namespace PaperBot.Rag;

/// <summary>Reads the dates users type (YYYY-MM-DD), with messages that say what is wrong.</summary>
public static class DayParser
{
    public static DateOnly Parse(string text, string what = "date")
    {
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        var parts = trimmed.Split('-');
        if (parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var y)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var m) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var d)
            && y is >= 1 and <= 9999 && m is >= 1 and <= 12 && parts[0].Length == 4)
        {
            var days = DateTime.DaysInMonth(y, m);
            if (d < 1 || d > days)
            {
                var leap = m == 2 && d == 29 ? $" ({y} is not a leap year)" : "";
                throw new UserInputException($"{what} '{trimmed}' does not exist: {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m)} {y} has {days} days{leap}");
            }
        }

        throw new UserInputException($"{what} '{trimmed}' is not a date; use YYYY-MM-DD, for example 2025-10-02");
    }
}
