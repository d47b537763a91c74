using Dashboard.Training.Events;
using TorchSharp;

namespace Dashboard.Training.Learning;

/// <summary>Predictions on the validation set: plain, with test-time augmentation, and fastai's interpretation.</summary>
public static class LearnerPredictions
{
    /// <summary>Number of augmented views TTA averages with the plain prediction (fastai: 4).</summary>
    public const int TtaAugmentedViews = 4;

    /// <summary>Probabilities on the validation images (full forward), augmented with the seed when given.</summary>
    public static Predictions PredictValid(this Learner learner, int? augmentationSeed = null, CancellationToken cancellation = default, PhaseReporter? progress = null)
    {
        learner.Model.eval();
        using var noGrad = torch.no_grad();
        var rows = new List<float[]>();
        var targets = new List<int>();
        foreach (var batch in learner.Data.Valid(augmentationSeed).Epoch(0, cancellation))
        {
            using var scope = torch.NewDisposeScope();
            using var owned = batch;
            var probabilities = torch.nn.functional.softmax(learner.ForwardImages(owned.Inputs.to(learner.Device)), 1).cpu();
            int classes = (int)probabilities.shape[1];
            var flat = probabilities.data<float>().ToArray();
            for (int i = 0; i < owned.Count; i++) rows.Add(flat.AsSpan(i * classes, classes).ToArray());
            targets.AddRange(owned.Targets.data<long>().ToArray().Select(t => (int)t));
            progress?.Step();
        }
        return new Predictions(rows.ToArray(), targets.ToArray());
    }

    /// <summary>Test-time augmentation: the mean of the plain prediction and <see cref="TtaAugmentedViews"/> augmented ones.</summary>
    public static (Predictions Plain, Predictions Tta) Tta(this Learner learner, CancellationToken cancellation = default)
    {
        var progress = new PhaseReporter(learner.Events, "tta", (TtaAugmentedViews + 1) * learner.Data.Valid().BatchesPerEpoch);
        var plain = learner.PredictValid(null, cancellation, progress);
        var views = new List<Predictions> { plain };
        for (int k = 0; k < TtaAugmentedViews; k++) views.Add(learner.PredictValid(learner.Options.Seed * 1000 + k + 1, cancellation, progress));
        var tta = Predictions.Average(views);
        learner.Events.Emit(new TtaCompleted(plain.Accuracy(), tta.Accuracy()));
        return (plain, tta);
    }

    /// <summary>Confusion matrix and top losses of the given predictions, reported as events.</summary>
    public static void Interpret(this Learner learner, Predictions predictions, int perKind = 9)
    {
        var counts = predictions.ConfusionMatrix(learner.Data.Classes.Count);
        learner.Events.Emit(new ConfusionMatrixComputed(learner.Data.Classes, counts));
        learner.Events.Emit(new TopLossesComputed(Interpretation.TopLosses(predictions, learner.Data.Classes, learner.Data.DescribeValidItem, perKind)));
    }
}
