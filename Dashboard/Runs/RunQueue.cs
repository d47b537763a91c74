using System.Threading.Channels;
using Dashboard.Configuration;
using Dashboard.Training.Recipes;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs;

/// <summary>
/// Accepts recipes: validates them (fields, and paths against the data roots), stores the run as queued and hands it, with its parsed recipe, to the worker through a channel.
/// A full queue refuses the submission instead of growing without limit. Only runs still waiting (stored as queued) count against the capacity:
/// a queued run that was stopped gives its slot back at once, although its id stays in the channel until the worker skips it.
/// </summary>
public sealed class RunQueue(RunStore store, RunLedger ledger, DatasetPathPolicy paths, IOptions<DashboardOptions> options)
{
    private readonly Channel<QueuedRun> pending = Channel.CreateUnbounded<QueuedRun>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Lock admission = new();

    public ChannelReader<QueuedRun> Reader => pending.Reader;

    /// <summary>How many runs may wait.</summary>
    public int Capacity => options.Value.QueueCapacity;

    /// <summary>Validates and enqueues; throws <see cref="RecipeException"/> for a bad recipe, <see cref="QueueFullException"/> when full.</summary>
    public RunSummary Submit(string recipeJson, string? name = null, string? owner = null)
    {
        var recipe = RecipeParser.Parse(recipeJson);
        paths.Check(recipe);
        lock (admission)
        {
            EnsureRoom();
            var run = ledger.Create(string.IsNullOrWhiteSpace(name) ? UniqueName(DefaultName(recipe)) : name.Trim(), recipeJson, recipe, owner);
            pending.Writer.TryWrite(new QueuedRun(run.Id, recipe));
            return run;
        }
    }

    /// <summary>
    /// Queues an ended run again when there is room and it still has <paramref name="fromStatus"/>; false when its status
    /// changed meanwhile. Throws <see cref="QueueFullException"/> when full.
    /// </summary>
    public bool Resume(string runId, string fromStatus)
    {
        lock (admission)
        {
            EnsureRoom();
            if (!ledger.SetStatus(runId, RunStatus.Queued, "queued to resume", onlyFrom: fromStatus)) return false;
            pending.Writer.TryWrite(new QueuedRun(runId, null));
            return true;
        }
    }

    /// <summary>Puts a stored queued run back in line (after a restart); it already holds its slot.</summary>
    public void Requeue(string runId) => pending.Writer.TryWrite(new QueuedRun(runId, null));

    private void EnsureRoom()
    {
        if (store.CountWithStatus(RunStatus.Queued) >= Capacity) throw new QueueFullException(Capacity);
    }

    /// <summary>The default name, numbered (" #2", " #3", …) when runs already have it, so list rows tell runs apart.</summary>
    private string UniqueName(string defaultName)
    {
        var name = defaultName;
        for (int n = 2; store.HasRunNamed(name); n++) name = $"{defaultName} #{n}";
        return name;
    }

    private static string DefaultName(Recipe recipe) => $"{recipe.Arch} on {Path.GetFileName(recipe.Data.Path.TrimEnd('/'))} @{recipe.Data.Size}px";
}

public sealed class QueueFullException(int capacity) : Exception($"The run queue is full ({capacity} runs waiting); try again later.");
