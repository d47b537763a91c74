namespace Dashboard.Bench.Accuracy;

/// <summary>Everything one <c>bench accuracy</c> run measured, both sides, with the settings they shared.</summary>
public sealed record AccuracyReport(
    AccuracyOptions Options, string RecipeJson, IReadOnlyList<string> Stages, string BodyNormalisation,
    LessonOutcome Ours, double OursWeightDecay, PytorchRun Pytorch, ThreadPlan Threads, DateTimeOffset Date, double TotalSeconds)
{
    public int TrainImages { get; init; }
    public int ValidImages { get; init; }

    /// <summary>Our side again in bf16 (<c>--with-bf16</c>); null when not asked for.</summary>
    public LessonOutcome? OursBf16 { get; init; }
}
