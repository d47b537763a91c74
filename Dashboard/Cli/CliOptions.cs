using System.CommandLine;

namespace Dashboard.Cli;

/// <summary>Typed options shared by the commands: whole numbers in a range, with a message that names the range.</summary>
public static class CliOptions
{
    public static Option<int> Count(string name, string description, int minimum, int maximum, int defaultValue) =>
        Range(new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue }, minimum, maximum);

    public static Option<int?> OptionalCount(string name, string description, int minimum, int maximum = int.MaxValue) =>
        Range(new Option<int?>(name) { Description = description }, minimum, maximum);

    private static Option<T> Range<T>(Option<T> option, int minimum, int maximum)
    {
        option.Validators.Add(result =>
        {
            // The token itself: a value that is not a whole number is System.CommandLine's own error, not this one's.
            if (result.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var number) && (number < minimum || number > maximum))
                result.AddError($"{option.Name} must be a whole number {(maximum == int.MaxValue ? $"of at least {minimum}" : $"from {minimum} to {maximum}")}, not {number}");
        });
        return option;
    }
}
