using System.Diagnostics;
using Dashboard.Bench;

namespace Dashboard.Tests.Bench;

/// <summary>
/// A fact that needs PyTorch in <see cref="BenchOptions.DefaultPython"/>. Without torch it is reported skipped, never
/// passed; under <c>CI=true</c> it runs anyway, so a CI machine without torch fails it with the command's message.
/// </summary>
public sealed class PytorchFactAttribute : FactAttribute
{
    public PytorchFactAttribute()
    {
        if (!PytorchAvailability.Installed && !Preconditions.InCi)
            Skip = $"{BenchOptions.DefaultPython} has no torch/torchvision (apt-get install python3-torch python3-torchvision); under CI=true this test runs and fails";
    }
}

internal static class PytorchAvailability
{
    private static readonly Lazy<bool> Probe = new(ImportsTorch);

    public static bool Installed => Probe.Value;

    private static bool ImportsTorch()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(BenchOptions.DefaultPython, ["-c", "import torch, torchvision"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (process is null) return false;
            if (process.WaitForExit(TimeSpan.FromMinutes(1))) return process.ExitCode == 0;
            process.Kill(entireProcessTree: true);
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
