namespace Dashboard.Bench;

/// <summary>Finds the PyTorch reference script: as given, else in a <c>bench/</c> folder above the app or the working folder.</summary>
public static class BenchScript
{
    public static string? Locate(BenchOptions options)
    {
        if (options.Script is not null) return File.Exists(options.Script) ? Path.GetFullPath(options.Script) : null;
        return new[] { AppContext.BaseDirectory, Environment.CurrentDirectory }
            .SelectMany(Ancestors)
            .Select(folder => Path.Combine(folder, BenchOptions.ScriptRelativePath))
            .FirstOrDefault(File.Exists);
    }

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent) yield return current.FullName;
    }
}
