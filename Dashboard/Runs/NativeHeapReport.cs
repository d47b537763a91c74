using Dashboard.Training;

namespace Dashboard.Runs;

/// <summary>Says at start-up whether the trainer's native heap is tuned (see <see cref="NativeHeap"/>), and how to tune it when not.</summary>
public static class NativeHeapReport
{
    public static void Log(ILogger logger)
    {
        if (!NativeHeap.IsGlibc) return;
        if (NativeHeap.TunedAtStart)
            logger.LogInformation("Native heap tuned for training ({Variable}={Value}).", NativeHeap.EnvironmentVariable, NativeHeap.GlibcTunables);
        else
            logger.LogWarning(
                "{Variable} does not contain {Value}: training steps on large images may run up to 2x slower, because glibc " +
                "returns each step's activations to the kernel. Set it in the environment that starts the dashboard " +
                "(dotnet run does so from Properties/launchSettings.json).", NativeHeap.EnvironmentVariable, NativeHeap.GlibcTunables);
    }
}
