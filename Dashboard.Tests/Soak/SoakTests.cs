using System.Diagnostics;
using System.Text.Json;
using Dashboard.Bench.Soak;
using Dashboard.Training;
using Xunit.Abstractions;

namespace Dashboard.Tests.Soak;

/// <summary>
/// The short form of the soak (the full one is <c>soak --batches 2000</c>): memory must not grow with batches. It runs
/// the real command in a child process started as <c>dotnet run</c> starts the dashboard (with the native heap settings),
/// so it measures the shipped configuration, training on a worker thread, and a crash cannot take the test host down.
/// </summary>
public class SoakTests(ITestOutputHelper output) : IDisposable
{
    private const int Batches = 200;
    private const int WarmupBatches = 100;
    private const int ImageSize = 32;
    /// <summary>
    /// A guard against a hung child, not a speed check: idle, the soak takes about a minute; on 2 cores shared with a
    /// load average near 17 it made 64 batches in 249 s, which an 8-minute guard cut off.
    /// </summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("soak-test-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Training_batches_do_not_grow_native_tensors_or_resident_memory()
    {
        var report = RunSoak();

        output.WriteLine($"{report.Batches} batches: RSS growth {report.RssGrowthMegabytes:F1} MB, tensors {report.TensorsAfterWarmUp} → {report.TensorsAtEnd}, {report.Seconds:F0} s");
        Assert.True(report.Batches >= Batches);
        Assert.True(report.TensorGrowth <= 0, $"{report.TensorGrowth} more live tensors");
        Assert.True(report.RssGrowthMegabytes < 50, $"RSS grew {report.RssGrowthMegabytes:F1} MB");
    }

    private SoakReport RunSoak()
    {
        var path = Path.Combine(folder.FullName, "soak.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Dashboard.Bench.dll"), "soak", "--batches", $"{Batches}", "--warmup", $"{WarmupBatches}", "--size", $"{ImageSize}", "--out", path })
            start.ArgumentList.Add(argument);
        start.Environment[NativeHeap.EnvironmentVariable] = NativeHeap.GlibcTunables;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the soak");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the soak did not finish within {Limit.TotalMinutes} minutes");
        }
        output.WriteLine(stdout.Result);
        Assert.True(process.ExitCode == 0, $"soak exited with {process.ExitCode}: {stderr.Result}");
        return JsonSerializer.Deserialize<SoakReport>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("empty soak report");
    }
}
