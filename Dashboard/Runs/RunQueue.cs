using System.Threading.Channels;
using Dashboard.Training.Recipes;
using Microsoft.Extensions.Options;

namespace Dashboard.Runs;

/// <summary>
/// Accepts recipes: validates them (fields, and paths against the data roots), stores the run as queued and hands its id to the worker through a bounded channel.
/// A full queue refuses the submission instead of growing without limit.
/// </summary>
public sealed class RunQueue(RunStore store, RunNotifier notifier, DatasetPathPolicy paths, IOptions<DashboardOptions> options)
{
    private readonly Channel<string> pending = Channel.CreateBounded<string>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<string> Reader => pending.Reader;

    /// <summary>How many runs may wait.</summary>
    public int Capacity => options.Value.QueueCapacity;

    /// <summary>Validates and enqueues; throws <see cref="RecipeException"/> for a bad recipe, <see cref="QueueFullException"/> when full.</summary>
    public RunSummary Submit(string recipeJson, string? name = null, string? owner = null)
    {
        var recipe = RecipeParser.Parse(recipeJson);
        paths.Check(recipe);
        var run = store.Create(string.IsNullOrWhiteSpace(name) ? DefaultName(recipe) : name.Trim(), recipeJson, owner);
        if (!pending.Writer.TryWrite(run.Id))
        {
            store.SetStatus(run.Id, RunStatus.Failed, "the run queue is full; try again when a run has finished");
            throw new QueueFullException(options.Value.QueueCapacity);
        }
        notifier.Publish(run);
        return run;
    }

    /// <summary>Puts a stored queued run back in line (after a restart).</summary>
    public bool Requeue(string runId) => pending.Writer.TryWrite(runId);

    private static string DefaultName(Recipe recipe) => $"{recipe.Arch} on {Path.GetFileName(recipe.Data.Path.TrimEnd('/'))} @{recipe.Data.Size}px";
}

public sealed class QueueFullException(int capacity) : Exception($"The run queue is full ({capacity} runs waiting); try again later.");
