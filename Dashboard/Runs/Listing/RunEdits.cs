using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs.Listing;

/// <summary>What an edit of a run came to.</summary>
public enum RunEditOutcome { Done, NotFound, Forbidden, Invalid, Active }

/// <summary>
/// Changes to a run's row that only its owner or an admin may make (any user when sign-in is off): its tags and note, and
/// deleting it with everything it left behind: events, thumbnails, checkpoints and resume points.
/// </summary>
public sealed class RunEdits(RunStore store, RunLedger ledger, DashboardPaths paths, IOptions<AuthOptions> auth)
{
    /// <summary>Sets the run's tags and note; with <see cref="RunEditOutcome.Invalid"/>, the reason they were refused.</summary>
    public (RunEditOutcome Outcome, string? Error) Annotate(string runId, ClaimsPrincipal user, IEnumerable<string?>? tags, string? note)
    {
        if (Check(runId, user) is var outcome and not RunEditOutcome.Done) return (outcome, null);
        var (annotations, error) = RunAnnotations.Check(tags, note);
        if (annotations is null) return (RunEditOutcome.Invalid, error);
        if (!ledger.Annotate(runId, annotations)) return (RunEditOutcome.NotFound, null);
        return (RunEditOutcome.Done, null);
    }

    /// <summary>Deletes an ended run and its files; an active one (queued, running, stopping) must be stopped first.</summary>
    public RunEditOutcome Delete(string runId, ClaimsPrincipal user)
    {
        if (Check(runId, user) is var outcome and not RunEditOutcome.Done) return outcome;
        if (!ledger.Remove(store.Find(runId)!)) return RunEditOutcome.Active;
        foreach (var folder in (string[])[paths.ModelsFolderOf(runId), paths.RunFolder(runId)])
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return RunEditOutcome.Done;
    }

    private RunEditOutcome Check(string runId, ClaimsPrincipal user) => store.Find(runId) switch
    {
        null => RunEditOutcome.NotFound,
        var run when !UserPrincipal.MayControl(user, run.Owner, auth.Value.Enabled) => RunEditOutcome.Forbidden,
        _ => RunEditOutcome.Done,
    };
}
