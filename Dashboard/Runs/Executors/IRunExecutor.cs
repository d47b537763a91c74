using Dashboard.Training.Recipes;

namespace Dashboard.Runs.Executors;

/// <summary>
/// Trains one run that <see cref="RunWorker"/> has marked running, storing its events as they come, and says how it ended.
/// <c>inprocess</c> (<see cref="InProcessExecutor"/>) trains on a thread of the server; <c>process</c>
/// (<see cref="ProcessExecutor"/>) in a child process in worker mode; <c>slurm</c> (<see cref="SlurmExecutor"/>) in a Slurm job in worker mode. Never throws for a failed run: that is an outcome.
/// </summary>
public interface IRunExecutor
{
    /// <summary>How many runs <see cref="RunWorker"/> may have on this executor at once.</summary>
    int Slots { get; }

    /// <param name="recipe">The run's recipe, parsed (a worker process reads the recipe from the server and parses it itself).</param>
    /// <param name="stop">Cancelled by a stop request or by the host stopping.</param>
    /// <param name="hostStopping">Cancelled when the host stops.</param>
    Task<RunOutcome> ExecuteAsync(RunSummary run, Recipe recipe, CancellationToken stop, CancellationToken hostStopping);

    /// <summary>
    /// At start-up, for a run a previous server left running: takes over its worker if that still runs, as
    /// <see cref="ExecuteAsync"/> would end; null when there is nothing to take over (the run is then interrupted).
    /// </summary>
    Task<RunOutcome>? Reattach(RunSummary run, CancellationToken stop, CancellationToken hostStopping);
}

/// <summary>The values of <c>Dashboard:Executor</c>.</summary>
public static class ExecutorNames
{
    public const string InProcess = "inprocess";
    public const string Process = "process";
    public const string Slurm = "slurm";
    public const string Pattern = "^(inprocess|process|slurm)$";
}
