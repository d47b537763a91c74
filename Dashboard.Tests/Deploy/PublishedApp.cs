using System.Diagnostics;

namespace Dashboard.Tests.Deploy;

/// <summary>
/// <c>dotnet publish Dashboard -c Release</c> into a fresh temp folder, as README's "Deploy" does. Build servers are
/// off so no long-lived MSBuild or compiler node keeps the redirected output open after publish ends.
/// </summary>
public static class PublishedApp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task PublishAsync(string outputFolder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryFolder.Root(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", "Dashboard", "-c", "Release", "-o", outputFolder, "--disable-build-servers", "--nologo", "-v", "q" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {Timeout}");
        }
        Assert.True(process.ExitCode == 0, $"dotnet publish failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }
}
