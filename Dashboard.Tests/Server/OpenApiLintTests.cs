using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Dashboard.Tests.Server;

/// <summary>
/// <c>redocly lint</c> (its recommended rules) on the document the real server serves. scripts/test.sh installs the
/// pinned @redocly/cli into <c>.tools/redocly</c> (ignored by git); without it (or without npx) CI fails and elsewhere
/// the test is skipped.
/// </summary>
public class OpenApiLintTests(ITestOutputHelper output)
{
    public static string RedoclyFolder => Path.Combine(RepositoryFolder.Root(), ".tools", "redocly");

    [SkippableFact]
    public async Task The_served_document_passes_redocly_lint_with_no_errors()
    {
        Preconditions.Require(OnPath("npx") && File.Exists(Path.Combine(RedoclyFolder, "node_modules", ".bin", "redocly")),
            "linting the OpenAPI document needs npx and @redocly/cli in .tools/redocly: run scripts/test.sh (it installs Debian's nodejs and npm, then the pinned @redocly/cli)");
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Client();
        var file = Path.Combine(Directory.CreateTempSubdirectory("openapi-lint-").FullName, "v1.json");
        await File.WriteAllTextAsync(file, await client.GetStringAsync("/openapi/v1.json"));

        var (exitCode, stdout, stderr) = await RunAsync("npx", "--no-install", "redocly", "lint", file, "--format=json");
        output.WriteLine(stderr);
        output.WriteLine(stdout);

        var totals = JsonDocument.Parse(stdout[stdout.IndexOf('{')..]).RootElement.GetProperty("totals");
        output.WriteLine($"redocly: {totals.GetProperty("errors").GetInt32()} errors, {totals.GetProperty("warnings").GetInt32()} warnings");
        Assert.Equal(0, totals.GetProperty("errors").GetInt32());
        Assert.Equal(0, exitCode);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, command)));

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = RedoclyFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', arguments)} did not finish in 2 minutes");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
