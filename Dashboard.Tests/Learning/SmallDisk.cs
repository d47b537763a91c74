using System.Diagnostics;

namespace Dashboard.Tests.Learning;

/// <summary>A tmpfs of a given size, unmounted and removed on dispose.</summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk? TryMount(long bytes)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return null;
        var folder = Directory.CreateTempSubdirectory("full-disk-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", folder)) return new SmallDisk(folder);
        Directory.Delete(folder);
        return null;
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static bool Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
