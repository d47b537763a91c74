namespace Dashboard.Training.Learning;

/// <summary>Class probabilities of each validation item (rows) and the true classes.</summary>
public sealed record Predictions(float[][] Probabilities, int[] Targets)
{
    public int PredictedClass(int item)
    {
        var row = Probabilities[item];
        int best = 0;
        for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }

    public double Accuracy() =>
        Targets.Length == 0 ? 0 : Enumerable.Range(0, Targets.Length).Count(i => PredictedClass(i) == Targets[i]) / (double)Targets.Length;

    /// <summary>Element-wise mean of several prediction sets over the same items (TTA).</summary>
    public static Predictions Average(IReadOnlyList<Predictions> sets)
    {
        var first = sets[0];
        var mean = first.Probabilities.Select((row, i) =>
            row.Select((_, c) => sets.Average(s => s.Probabilities[i][c])).Select(v => (float)v).ToArray()).ToArray();
        return new Predictions(mean, first.Targets);
    }

    /// <summary>counts[actual][predicted].</summary>
    public int[][] ConfusionMatrix(int classes)
    {
        var counts = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        for (int i = 0; i < Targets.Length; i++) counts[Targets[i]][PredictedClass(i)]++;
        return counts;
    }

    public double Loss(int item) => -Math.Log(Math.Max(Probabilities[item][Targets[item]], 1e-12));
}
