using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Dashboard.Tests.Server;

namespace Dashboard.Tests.Cli;

/// <summary>
/// The README's sign-in set-up as processes started the way <c>dotnet run --project Dashboard</c> starts them: in the
/// project folder (here a temporary one with the app's appsettings.json). add-user and issue-token must write the data
/// folder the server then reads, so the server starts with sign-in on and the token works; list-tokens shows it without
/// its secret and revoke-token ends it while the server runs.
/// </summary>
public sealed class SignInSetupTests : IDisposable
{
    private readonly DirectoryInfo project = Directory.CreateTempSubdirectory("dashboard-project-");

    public SignInSetupTests() => File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(project.FullName, "appsettings.json"));

    public void Dispose() => project.Delete(recursive: true);

    [Fact]
    public async Task Add_user_and_issue_token_write_the_data_folder_the_server_reads_and_a_revoked_token_is_refused()
    {
        var (added, _, addErrors) = Run(["add-user", "alice", "admin"], input: "a-long-password\n");
        Assert.True(added == 0, addErrors);
        Assert.Contains(Path.Combine(project.FullName, "data"), addErrors); // the absolute folder is said
        var (issued, token, issueErrors) = Run(["issue-token", "alice"]);
        Assert.True(issued == 0, issueErrors);
        Assert.True(File.Exists(Path.Combine(project.FullName, "data", "runs.db")));

        var port = DashboardProcess.FreePort();
        using var server = Start(["--Dashboard:Auth:Enabled=true", "--urls", $"http://127.0.0.1:{port}"]);
        var serverErrors = new System.Text.StringBuilder();
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, e) => { lock (serverErrors) serverErrors.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        server.StandardInput.Close();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await ApiWaits.WaitForAsync(async () =>
        {
            if (server.HasExited) lock (serverErrors) throw new InvalidOperationException($"the server exited: {serverErrors}");
            try { return (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromMinutes(1));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        var id = System.Text.RegularExpressions.Regex.Match(issueErrors, @"token ([0-9a-f]+) for alice, expires").Groups[1].Value;
        Assert.NotEmpty(id);
        var (listed, list, listErrors) = Run(["list-tokens"]);
        Assert.True(listed == 0, listErrors);
        Assert.Matches($@"{id}\s+alice\s+.*\s+active", list);
        Assert.DoesNotContain(token.Trim(), list);
        Assert.Equal(2, Run(["issue-token", "alice", "--days", "0"]).Exit);
        var (revoked, _, revokeErrors) = Run(["revoke-token", id]);
        Assert.True(revoked == 0, revokeErrors);
        var afterRevoke = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        afterRevoke.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(afterRevoke)).StatusCode);
        Assert.Matches($@"{id}\s+alice\s+.*\s+revoked", Run(["list-tokens"]).Stdout);
        server.Kill(entireProcessTree: true);
    }

    private Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project.FullName, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dashboard.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private (int Exit, string Stdout, string Stderr) Run(string[] args, string input = "")
    {
        using var process = Start(args);
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(entireProcessTree: true); throw new TimeoutException(string.Join(' ', args)); }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
