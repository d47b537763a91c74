namespace Dashboard.Components.Runs.Progress;

/// <summary>How the run page words a time left.</summary>
public static class RunEtaText
{
    public static string Format(TimeSpan eta) => eta.TotalHours >= 1 ? eta.ToString(@"h\:mm\:ss") : eta.ToString(@"m\:ss");

    /// <summary>"whole run: about 3:20 left", or "at least" when some remaining work has no estimate.</summary>
    public static string Whole(RunEta eta) => $"whole run: {(eta.NotCounted.Count == 0 ? "about" : "at least")} {Format(eta.Training)} left";

    public static string NotCounted(RunEta eta) => eta.NotCounted.Count == 0 ? "every remaining step is estimated from this run's measured batch rates"
        : "not counted: " + string.Join(", ", eta.NotCounted);
}
