namespace Dashboard.Training;

/// <summary>
/// Environment variables a training process should start with. Native libraries read them once, when they load, so
/// they cannot be set from inside the process: <c>dotnet run</c> sets them from the launch profile; a service
/// definition must set them itself. Measured on 2 cores (<c>bench</c>): glibc's heap settings make training steps at
/// 224 px up to 2× faster (see <see cref="NativeHeap"/>); a passive OpenMP wait policy gives the decoding thread the
/// time libtorch's idle threads would spin away (5–8 % more images per second).
/// </summary>
public static class ProcessEnvironment
{
    public const string OpenMpWaitPolicy = "OMP_WAIT_POLICY";

    public static IReadOnlyDictionary<string, string> Recommended { get; } = new Dictionary<string, string>
    {
        [NativeHeap.EnvironmentVariable] = NativeHeap.GlibcTunables,
        [OpenMpWaitPolicy] = "PASSIVE",
    };

    /// <summary>The recommended variables this process did not start with (or started with other values).</summary>
    public static IReadOnlyList<string> Missing() =>
        Recommended.Where(pair => !Satisfies(pair.Key, Environment.GetEnvironmentVariable(pair.Key), pair.Value)).Select(pair => pair.Key).ToList();

    /// <summary>Whether <paramref name="actual"/> gives what <paramref name="wanted"/> asks (GLIBC_TUNABLES may hold more settings).</summary>
    public static bool Satisfies(string variable, string? actual, string wanted) => variable == NativeHeap.EnvironmentVariable
        ? NativeHeap.IsGlibc && NativeHeap.Contains(actual, wanted)
        : string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase);

    /// <summary>A line for a log or a report: NAME=value NAME=value.</summary>
    public static string Describe() => string.Join(" ", Recommended.Select(pair => $"{pair.Key}={pair.Value}"));
}
