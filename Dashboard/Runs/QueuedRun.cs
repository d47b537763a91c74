using Dashboard.Training.Recipes;

namespace Dashboard.Runs;

/// <summary>
/// A run waiting in <see cref="RunQueue"/>: its id, and its recipe as parsed when it was submitted, so nothing parses it
/// again on its way to the executor. Null for a run queued again (resumed, or left queued by a restart): its stored
/// recipe is parsed when it starts.
/// </summary>
public sealed record QueuedRun(string RunId, Recipe? Recipe);
