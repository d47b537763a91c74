namespace Dashboard.Bench;

/// <summary>Finds a PyTorch reference script: as given, else in a <c>python/</c> folder above the app or the working folder.</summary>
public static class BenchScript
{
    public static string? Locate(BenchOptions options) => Locate(options.Script, BenchOptions.ScriptRelativePath);

    /// <param name="given">A script path given on the command line, or null to search for <paramref name="relativePath"/>.</param>
    public static string? Locate(string? given, string relativePath)
    {
        if (given is not null) return File.Exists(given) ? Path.GetFullPath(given) : null;
        return new[] { AppContext.BaseDirectory, Environment.CurrentDirectory }
            .SelectMany(Ancestors)
            .Select(folder => Path.Combine(folder, relativePath))
            .FirstOrDefault(File.Exists);
    }

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent) yield return current.FullName;
    }
}
