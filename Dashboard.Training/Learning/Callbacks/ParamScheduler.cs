namespace Dashboard.Training.Learning.Callbacks;

/// <summary>Before each batch, sets every layer group's rate (and momentum, when the plan cycles it) from the fit's plan.</summary>
public sealed class ParamScheduler : LearnerCallback
{
    public override int Order => 10;

    public override void BeforeBatch(FitContext fit)
    {
        int step = Math.Min(fit.Iteration, fit.Plan.Iterations - 1);
        fit.SetLearningRates(fit.BaseRates, fit.Plan.Multipliers[step]);
        if (fit.Plan.Momentum is { } momentum)
            foreach (var group in fit.Optimizer.Groups) group.Momentum = momentum[step];
    }
}
