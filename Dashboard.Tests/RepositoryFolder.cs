namespace Dashboard.Tests;

/// <summary>The checkout the tests were built from: the folder above the test binaries that holds Dashboard.sln.</summary>
public static class RepositoryFolder
{
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Dashboard.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
