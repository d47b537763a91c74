namespace Dashboard.Training.Data.Augment;

/// <summary>
/// A recipe's augmentation by name (<c>none</c>, <c>side_on</c>, <c>top_down</c>) and maximum zoom, as a checkpoint
/// records it, so test-time augmentation of a reopened model draws the views the learner's TTA draws.
/// </summary>
public sealed record AugmentationSetting(string Name, double MaxZoom)
{
    public AugmentationOptions Options() => AugmentationOptions.FromName(Name, MaxZoom);
}
