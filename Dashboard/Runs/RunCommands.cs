using System.Security.Claims;
using Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs;

/// <summary>What a stop or resume came to: <see cref="NotNow"/> when the run is not in a state that allows it.</summary>
public enum RunCommandOutcome { Done, NotFound, Forbidden, NotNow }

/// <summary>
/// What a user can ask of an existing run. Only the run's owner or an admin may (any user when sign-in is off): pages
/// and endpoints ask here and show the outcome, they do not check ownership themselves.
/// </summary>
public sealed class RunCommands(RunStore store, RunLedger ledger, RunCancellations cancellations, RunQueue queue, IOptions<AuthOptions> auth)
{
    public const string StoppedWhileQueued = "stopped before it started";
    public const string StoppingMessage = "stopping at the next batch";

    /// <summary>
    /// Cancels a queued run, or stops a running one at its next batch (it shows as stopping until then); not now when the run is not active. A stop that
    /// meets the worker starting the run still wins: the worker registers the run's cancellation before it moves the
    /// run from queued to running, and both moves are conditional on the status they expect.
    /// </summary>
    public RunCommandOutcome Stop(string runId, ClaimsPrincipal user)
    {
        if (Check(runId, user) is var refused and not RunCommandOutcome.Done) return refused;
        if (!RunStatus.IsActive(store.Find(runId)!.Status)) return RunCommandOutcome.NotNow;
        if (ledger.EndFrom(runId, RunStatus.Queued, RunStatus.Stopped, StoppedWhileQueued)) return RunCommandOutcome.Done;
        if (!cancellations.Cancel(runId)) return RunCommandOutcome.NotNow;
        ledger.SetStatus(runId, RunStatus.Stopping, StoppingMessage, onlyFrom: RunStatus.Running);
        return RunCommandOutcome.Done;
    }

    /// <summary>
    /// Queues an interrupted, stopped or failed run again; it continues from its last epoch resume point (or from the
    /// start when it never finished an epoch). Not now when the run is still active. Throws <see cref="QueueFullException"/>.
    /// </summary>
    public RunCommandOutcome Resume(string runId, ClaimsPrincipal user)
    {
        if (Check(runId, user) is var refused and not RunCommandOutcome.Done) return refused;
        var run = store.Find(runId)!;
        if (!RunStatus.IsResumable(run.Status)) return RunCommandOutcome.NotNow;
        return queue.Resume(runId, run.Status) ? RunCommandOutcome.Done : RunCommandOutcome.NotNow;
    }

    private RunCommandOutcome Check(string runId, ClaimsPrincipal user) => store.Find(runId) switch
    {
        null => RunCommandOutcome.NotFound,
        var run when !UserPrincipal.MayControl(user, run.Owner, auth.Value.Enabled) => RunCommandOutcome.Forbidden,
        _ => RunCommandOutcome.Done,
    };
}
