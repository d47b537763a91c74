namespace Dashboard.Training.Data.Augment;

/// <summary>
/// Training-time augmentation. A preset says which random transforms apply; the limits say how far they go.
/// <c>side_on</c>: horizontal flip, rotation ±<see cref="MaxRotationDegrees"/>, zoom 1..<see cref="MaxZoom"/>
/// (a random crop scaled back up), brightness and contrast ±<see cref="MaxLighting"/>.
/// <c>top_down</c>: all of that plus vertical flips and random quarter turns.
/// </summary>
public sealed class AugmentationOptions
{
    public const double DefaultMaxZoom = 1.1;
    public const double DefaultMaxRotationDegrees = 10;
    public const double DefaultMaxLighting = 0.05;
    public const double DefaultTransformProbability = 0.75;

    /// <summary>Settings name: <c>none</c>, <c>side_on</c> or <c>top_down</c>.</summary>
    public string Name
    {
        get => AugmentationPresetNames.NameOf(Preset);
        set => Preset = AugmentationPresetNames.Parse(value);
    }

    public AugmentationPreset Preset { get; set; } = AugmentationPreset.None;

    /// <summary>Largest zoom: a crop of 1/zoom of the shorter side, scaled to the output size.</summary>
    public double MaxZoom { get; set; } = DefaultMaxZoom;

    public double MaxRotationDegrees { get; set; } = DefaultMaxRotationDegrees;

    /// <summary>Brightness shifts by up to ± this; contrast scales about the image mean by up to 1 + this (or 1/(1 + this)).</summary>
    public double MaxLighting { get; set; } = DefaultMaxLighting;

    /// <summary>How often the zoom applies (fastai 0.7's <c>RandomScale</c>, p = 0.75); otherwise the crop is at full scale.</summary>
    public double ZoomProbability { get; set; } = DefaultTransformProbability;

    /// <summary>How often the rotation applies (fastai 0.7's <c>RandomRotate</c>, p = 0.75).</summary>
    public double RotationProbability { get; set; } = DefaultTransformProbability;

    public bool IsEnabled => Preset != AugmentationPreset.None;

    public bool FlipsHorizontally => Preset is AugmentationPreset.SideOn or AugmentationPreset.TopDown;

    public bool FlipsVertically => Preset == AugmentationPreset.TopDown;

    public bool TurnsQuarters => Preset == AugmentationPreset.TopDown;

    public static AugmentationOptions None() => new();

    public static AugmentationOptions SideOn(double maxZoom = DefaultMaxZoom) => new() { Preset = AugmentationPreset.SideOn, MaxZoom = maxZoom };

    public static AugmentationOptions TopDown(double maxZoom = DefaultMaxZoom) => new() { Preset = AugmentationPreset.TopDown, MaxZoom = maxZoom };

    /// <summary>From a settings name (<c>none</c>, <c>side_on</c>, <c>top_down</c>).</summary>
    public static AugmentationOptions FromName(string name, double maxZoom = DefaultMaxZoom) =>
        new() { Preset = AugmentationPresetNames.Parse(name), MaxZoom = maxZoom };

    public void Validate()
    {
        if (!(MaxZoom >= 1 && MaxZoom <= 4))
            throw new ArgumentOutOfRangeException(nameof(MaxZoom), MaxZoom, "MaxZoom must be between 1 and 4.");
        if (!(MaxRotationDegrees >= 0 && MaxRotationDegrees <= 180))
            throw new ArgumentOutOfRangeException(nameof(MaxRotationDegrees), MaxRotationDegrees, "MaxRotationDegrees must be between 0 and 180.");
        if (!(ZoomProbability is >= 0 and <= 1) || !(RotationProbability is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(ZoomProbability), "ZoomProbability and RotationProbability must be between 0 and 1.");
        if (!(MaxLighting >= 0 && MaxLighting < 1))
            throw new ArgumentOutOfRangeException(nameof(MaxLighting), MaxLighting, "MaxLighting must be at least 0 and below 1.");
    }

    public override string ToString() => $"{Name} (max zoom {MaxZoom}, rotation ±{MaxRotationDegrees}°, lighting ±{MaxLighting})";
}
