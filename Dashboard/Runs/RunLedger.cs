using Dashboard.Runs.Listing;
using Dashboard.Runs.Workers;
using Dashboard.Training.Events;
using Dashboard.Training.Recipes;

namespace Dashboard.Runs;

/// <summary>
/// The run store's writes that others hear of: each one is stored, then published through <see cref="RunNotifier"/>:
/// a run as stored after each change of its row (created, status changed, annotated), each event as stored. A status
/// write that changes nothing (its condition failed) publishes nothing. The store itself stays notifier-free for the
/// commands that open it outside the web host.
/// </summary>
public sealed class RunLedger(RunStore store, RunNotifier notifier)
{
    /// <summary>Stores a queued run; <paramref name="recipe"/> is <paramref name="recipeJson"/> parsed, for the list's columns.</summary>
    public RunSummary Create(string name, string recipeJson, Recipe recipe, string? owner)
    {
        var run = store.Create(name, recipeJson, owner, RecipeColumns.From(recipe));
        notifier.Publish(run);
        return run;
    }

    /// <summary>See <see cref="RunStore.SetStatus"/>; publishes the run when its status changed, and returns whether it did.</summary>
    public bool SetStatus(string runId, string status, string? message = null, string? onlyFrom = null)
    {
        if (!store.SetStatus(runId, status, message, onlyFrom)) return false;
        PublishRun(runId);
        return true;
    }

    /// <summary>
    /// Ends a run only while it has status <paramref name="onlyFrom"/> (one conditional write: a racing writer cannot also
    /// win), then stores its <see cref="RunEnded"/>, then publishes the run, so whoever hears of the end finds the event
    /// stored. Returns whether the run ended now.
    /// </summary>
    public bool EndFrom(string runId, string onlyFrom, string status, string message)
    {
        if (!store.SetStatus(runId, status, message, onlyFrom)) return false;
        Append(runId, new RunEnded(status, message));
        PublishRun(runId);
        return true;
    }

    /// <summary>See <see cref="RunStore.Annotate"/>; publishes the run when it was annotated.</summary>
    public bool Annotate(string runId, RunAnnotations annotations)
    {
        if (!store.Annotate(runId, annotations)) return false;
        PublishRun(runId);
        return true;
    }

    /// <summary>See <see cref="RunStore.Remove"/>; publishes the run as it was when it was removed (lists read the store again: it is no longer there).</summary>
    public bool Remove(RunSummary run)
    {
        if (!store.Remove(run.Id)) return false;
        notifier.Publish(run);
        return true;
    }

    public RunEvent Append(string runId, TrainingEvent trainingEvent)
    {
        var stored = store.Append(runId, trainingEvent);
        notifier.Publish(stored);
        return stored;
    }

    /// <summary>See <see cref="RunStore.AppendNumbered"/>; publishes the events stored now, in order, and returns the last stored number.</summary>
    public long AppendNumbered(string runId, IEnumerable<NumberedEvent> events)
    {
        var (stored, last) = store.AppendNumbered(runId, events);
        foreach (var runEvent in stored) notifier.Publish(runEvent);
        return last;
    }

    private void PublishRun(string runId)
    {
        if (store.Find(runId) is { } run) notifier.Publish(run);
    }
}
