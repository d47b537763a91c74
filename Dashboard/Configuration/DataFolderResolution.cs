namespace Dashboard.Configuration;

/// <summary>
/// One rule for where the data folder is, for the web app and every command: <c>Dashboard:DataFolder</c> from the same
/// configuration the web app reads (appsettings.json and appsettings.{environment}.json in the content root, environment
/// variables such as <c>Dashboard__DataFolder</c>, <c>--Dashboard:DataFolder=DIR</c>), else <c>data</c>; a relative path
/// is under the content root, which is the current directory, as <c>WebApplication</c> starts (the project folder under
/// <c>dotnet run --project Dashboard</c>).
/// </summary>
public static class DataFolderResolution
{
    public const string DefaultDataFolder = "data";
    private const string Key = DashboardOptions.SectionName + ":" + nameof(DashboardOptions.DataFolder);

    public static string Resolve(string? configured, string contentRoot) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultDataFolder : configured, contentRoot);

    /// <summary>The data folder for a command run outside the web host, from its arguments and the same configuration sources.</summary>
    public static string ForCommand(string[] args) => Resolve(ConfigurationForCommand(args)[Key], Directory.GetCurrentDirectory());

    /// <summary>The configuration the web app would read, for a command: the same files, environment and <c>--Key=value</c> arguments.</summary>
    public static IConfiguration ConfigurationForCommand(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray())
            .Build();
    }
}
