using Dashboard.Training;

namespace Dashboard.Runs;

/// <summary>Says at start-up whether the process started with the training environment (see <see cref="ProcessEnvironment"/>), and how to set it when not.</summary>
public static class ProcessEnvironmentReport
{
    public static void Log(ILogger logger)
    {
        var missing = ProcessEnvironment.Missing();
        if (missing.Count == 0)
            logger.LogInformation("Started with the training environment ({Settings}).", ProcessEnvironment.Describe());
        else
            logger.LogWarning(
                "Started without {Missing}: training steps may run up to 2x slower. Start the dashboard with {Settings} in its " +
                "environment (dotnet run does so from Properties/launchSettings.json).", string.Join(", ", missing), ProcessEnvironment.Describe());
    }
}
