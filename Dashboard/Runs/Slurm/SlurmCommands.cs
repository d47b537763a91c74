using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs.Slurm;

/// <summary>
/// Slurm's client commands: <c>sbatch --parsable</c>, <c>scancel</c>, <c>scontrol show job -o</c>. A command that is
/// missing or fails throws <see cref="SlurmException"/> with Slurm's own message.
/// </summary>
public sealed class SlurmCommands(IOptions<SlurmOptions> options)
{
    /// <summary>Submits <paramref name="script"/> (given on standard input) and answers the job id.</summary>
    public async Task<string> SubmitAsync(IEnumerable<string> options, string script, IReadOnlyDictionary<string, string> environment, CancellationToken cancellation)
    {
        var output = await RunAsync("sbatch", ["--parsable", .. options], script, environment, cancellation);
        var jobId = output.Trim().Split(';')[0];
        return jobId.Length > 0 && jobId.All(char.IsAsciiDigit) ? jobId : throw new SlurmException($"sbatch answered no job id: '{output.Trim()}'");
    }

    public Task CancelAsync(string jobId, CancellationToken cancellation) => RunAsync("scancel", [jobId], null, null, cancellation);

    /// <summary>The job's state; null when Slurm no longer knows the job (it ended longer ago than Slurm's MinJobAge).</summary>
    public async Task<SlurmJobState?> QueryAsync(string jobId, CancellationToken cancellation)
    {
        try { return SlurmJobState.Parse(jobId, await RunAsync("scontrol", ["show", "job", "-o", jobId], null, null, cancellation)); }
        catch (SlurmException e) when (e.Message.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)) { return null; }
    }

    private async Task<string> RunAsync(string command, IEnumerable<string> arguments, string? input, IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellation)
    {
        var folder = options.Value.CommandsFolder;
        var start = new ProcessStartInfo(string.IsNullOrWhiteSpace(folder) ? command : Path.Combine(folder, command))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Start(start);
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellation);
        if (process.ExitCode != 0)
            throw new SlurmException($"{command} failed (exit code {process.ExitCode}): {FirstNonEmpty((await error).Trim(), (await output).Trim(), "no message")}");
        return await output;
    }

    private static Process Start(ProcessStartInfo start)
    {
        try { return Process.Start(start) ?? throw new SlurmException($"{start.FileName} could not be started"); }
        catch (Win32Exception e) { throw new SlurmException($"{start.FileName} could not be started ({e.Message}): is Slurm's client (slurm-client) installed, on PATH or in Dashboard:Slurm:CommandsFolder?"); }
    }

    private static string FirstNonEmpty(params string[] texts) => texts.First(text => text.Length > 0);
}

/// <summary>A Slurm command was missing or failed; the message is Slurm's.</summary>
public sealed class SlurmException(string message) : Exception(message);
