using Dashboard.Configuration;
using Dashboard.Runs;

namespace Dashboard.Cli;

/// <summary>
/// One command line split in two: configuration overrides as ASP.NET reads them (<c>--Section:Key=value</c>, the same
/// for every command and the web app) and the command's own tokens, which System.CommandLine parses.
/// </summary>
public sealed record CommandArguments(IReadOnlyList<string> ConfigurationOverrides, IReadOnlyList<string> CommandTokens)
{
    public static CommandArguments Split(IEnumerable<string> args)
    {
        var groups = args.ToLookup(IsConfigurationOverride);
        return new([.. groups[true]], [.. groups[false]]);
    }

    /// <summary><c>--Dashboard:DataFolder=DIR</c>: a configuration key has a section separator before its value.</summary>
    public static bool IsConfigurationOverride(string token)
    {
        int equals = token.IndexOf('=', StringComparison.Ordinal);
        return token.StartsWith("--", StringComparison.Ordinal) && equals > 0 && token.IndexOf(':', StringComparison.Ordinal) is > 2 and var colon && colon < equals;
    }

    /// <summary>The configuration the web app would read, with these overrides (<see cref="DataFolderResolution"/>).</summary>
    public IConfiguration Configuration() => DataFolderResolution.ConfigurationForCommand([.. ConfigurationOverrides]);

    /// <summary>The web app's data folder under this configuration.</summary>
    public string DataFolder() => DataFolderResolution.ForCommand([.. ConfigurationOverrides]);
}
