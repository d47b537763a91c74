using System.Globalization;

namespace Dashboard.Bench;

/// <summary>The 1-minute load average (runnable threads, all processes), read from /proc; null where there is none.</summary>
public static class MachineLoad
{
    private const string LoadAverageFile = "/proc/loadavg";

    public static double? OneMinute()
    {
        try
        {
            var first = File.ReadAllText(LoadAverageFile).Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
