using System.CommandLine;

namespace Dashboard.Cli;

/// <summary>Typed options shared by the commands: whole numbers in a range and addresses, with messages that name what is wrong.</summary>
public static class CliOptions
{
    public static Option<int> Count(string name, string description, int minimum, int maximum, int defaultValue) =>
        Range(new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue }, minimum, maximum);

    public static Option<int?> OptionalCount(string name, string description, int minimum, int maximum = int.MaxValue) =>
        Range(new Option<int?>(name) { Description = description }, minimum, maximum);

    /// <summary>An absolute http(s) address; anything else is a usage error naming the option.</summary>
    public static Option<Uri> Url(string name, string description) => new(name)
    {
        Description = description, HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") return url;
            result.AddError($"{name} must be an absolute http or https address such as http://127.0.0.1:5000, not '{text}'");
            return null;
        },
    };

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
