namespace Dashboard.Runs;

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
    public static string ForCommand(string[] args) => Resolve(CommandConfiguration(args)[Key], Directory.GetCurrentDirectory());

    /// <summary>The configuration a command reads: the web app's sources, with <c>--Section:Key=value</c> arguments last.</summary>
    public static IConfiguration CommandConfiguration(string[] args)
    {
        var contentRoot = Directory.GetCurrentDirectory();
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray())
            .Build();
    }
}
