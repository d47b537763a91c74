using Dashboard.Training.Events;
using Dashboard.Training.Learning;
using Dashboard.Training.Recipes;

namespace Dashboard.Tests.Recipes;

public class FineTuneTests
{
    /// <summary>fastai v2's fine_tune(3, base_lr=0.01, freeze_epochs=1) on three layer groups.</summary>
    [Fact]
    public void Fine_tune_is_a_frozen_one_cycle_fit_then_an_unfrozen_one_at_half_the_rate_spread_over_the_groups()
    {
        using var setup = new SyntheticRecipeSetup();
        var events = new RecordingEventSink();

        var result = setup.Run("""
            { "data": { "path": "synthetic" }, "arch": "resnet18", "seed": 0,
              "steps": [ {"fineTune": {"epochs": 3, "baseLr": 0.01, "freezeEpochs": 1}} ] }
            """, events);

        var fits = events.Events.OfType<FitStarted>().ToArray();
        Assert.Equal([(1, 2), (3, 0)], fits.Select(f => (f.Epochs, f.FrozenGroups)));
        Assert.Equal([0.001, 0.001, 0.01], fits[0].LearningRates);
        Assert.Equal([5e-5, 5e-4, 5e-3], fits[1].LearningRates.Select(r => Math.Round(r, 12)));  // slice(0.005 / 100, 0.005)
        var schedules = events.Events.OfType<ScheduleComputed>().ToArray();
        var headFrozen = schedules[0].LearningRatesPerGroup[^1];
        Assert.Equal(0.01 / 25, headFrozen[0], 12);                           // fit_one_cycle starts at lr_max / div
        Assert.Equal(headFrozen.Max(), headFrozen[^1], 12);                   // pct_start 0.99: still rising at the end of one epoch
        var headUnfrozen = schedules[1].LearningRatesPerGroup[^1];
        Assert.Equal(5e-3 / 5, headUnfrozen[0], 12);                         // div 5 for the unfrozen fit
        Assert.Equal(4, result.Epochs.Count);
    }
}
