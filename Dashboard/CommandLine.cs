namespace Dashboard;

/// <summary>Non-web modes of the executable (e.g. <c>run RECIPE.json</c>); returns false to start the web app.</summary>
public static class CommandLine
{
    public static Task<bool> TryRunAsync(string[] args) => Task.FromResult(false);
}
