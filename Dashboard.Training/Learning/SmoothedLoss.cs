namespace Dashboard.Training.Learning;

/// <summary>
/// The training loss fastai reports at each epoch's end: an exponential moving average of the batch losses over the
/// whole fit, divided by 1 − βⁿ to undo its start at 0 (fastai 0.7's <c>fit</c>: <c>avg_mom</c> 0.98 and
/// <c>debias_loss</c>; v2's <c>AvgSmoothLoss</c> the same), not the epoch's mean.
/// </summary>
public sealed class SmoothedLoss(double beta)
{
    private double average;
    private int count;

    public void Add(double loss)
    {
        average = beta * average + (1 - beta) * loss;
        count++;
    }

    /// <summary>NaN before the first batch.</summary>
    public double Value => count == 0 ? double.NaN : average / (1 - Math.Pow(beta, count));
}
