using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Tests.Measurements;

/// <summary>
/// Runs a measurement of a process-wide counter (resident memory, bytes allocated) in a fresh process of this test
/// assembly (<c>dotnet Dashboard.Tests.dll measure NAME</c>), so no test running in parallel shares the counter.
/// </summary>
public static class ChildMeasurement
{
    private static readonly Dictionary<string, Func<long>> Measurements = new()
    {
        [nameof(NativeHeapTests.BytesReturnedByFreeingA40MbTensor)] = NativeHeapTests.BytesReturnedByFreeingA40MbTensor,
        [nameof(NativeHeapTests.BytesReturnedByFreeingA40MbTensorByDefault)] = NativeHeapTests.BytesReturnedByFreeingA40MbTensorByDefault,
        [nameof(Data.LoaderAllocationTests.BytesAllocatedByASteadyEpoch)] = Data.LoaderAllocationTests.BytesAllocatedByASteadyEpoch,
    };

    /// <summary>The measurement's value, from a child process; its error output when it fails.</summary>
    public static long Run(string name)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(ChildMeasurement).Assembly.Location, "measure", name }) start.ArgumentList.Add(argument);
        start.Environment.Remove("GLIBC_TUNABLES"); // glibc's defaults: a measurement sets what it measures itself
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(entireProcessTree: true); throw new TimeoutException($"measurement {name} did not end"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"measurement {name} exited with {process.ExitCode}: {stderr.Result}");
        return long.Parse(stdout.Result.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>The child's side: prints the value of the named measurement on its last line.</summary>
    public static int Main(string[] args)
    {
        if (args is not ["measure", var name]) return 0; // the test host never calls Main; a bare start does nothing
        if (!Measurements.TryGetValue(name, out var measure)) { Console.Error.WriteLine($"no measurement '{name}'"); return 2; }
        Console.WriteLine(measure().ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
