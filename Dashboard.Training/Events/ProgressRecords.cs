namespace Dashboard.Training.Events;

/// <summary>The recipe's step <see cref="Step"/> (0-based) began; <see cref="Name"/> is its recipe key (fit, lrFind, tta, …).</summary>
public sealed record StepStarted(int Step, string Name) : TrainingEvent;

/// <summary>
/// Work outside a fit's batches advanced: <see cref="Phase"/> is precompute, tta or interpretation, <see cref="Done"/>
/// of <see cref="Total"/> batches through the model. Reported at most a few times a second, and always at the end.
/// </summary>
public sealed record PhaseProgressed(string Phase, int Done, int Total) : TrainingEvent;
