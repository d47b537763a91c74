using Dashboard.Charts;
using Dashboard.Components.Runs;
using Dashboard.Runs;
using Dashboard.Training.Events;

namespace Dashboard.Tests.Charts;

public class LiveTraceHoverTests
{
    [Fact]
    public void Hover_values_stay_aligned_with_the_points_and_reach_plotly_only_when_every_point_has_them()
    {
        var trace = new LiveTrace("loss") { HoverTemplate = "epoch %{customdata[0]}" };
        trace.Add(0, 2.0, [1]);
        trace.Add(1, double.NaN, [1]); // a diverged batch is left out, and so are its hover values
        trace.Add(2, 1.5, [2]);

        Assert.Equal(2, trace.CustomData.Count);
        Assert.Equal([new object[] { 1 }, new object[] { 2 }], trace.CustomData);
        Assert.Equal(trace.CustomData, PlotlyTraces.Scatter(trace).CustomData);

        trace.Replace([0.0], [1.0]);
        Assert.False(PlotlyTraces.HasHover(trace));
        Assert.Null(PlotlyTraces.Scatter(trace).CustomData);
    }

    [Fact]
    public void A_training_batch_hovers_with_its_epoch_fit_and_batch_counted_from_one_and_the_heads_rate()
    {
        var view = new RunView([]);
        view.Apply(new RunEvent("r", 1, new BatchEnded(FitIndex: 1, Iteration: 4, Epoch: 2, LearningRate: 0.003, Loss: 0.7)));

        Assert.Equal([3, 2, 5, 0.003], (object[])view.TrainLoss.CustomData.Single());
        Assert.Contains("epoch %{customdata[0]}", view.TrainLoss.HoverTemplate);
    }
}
