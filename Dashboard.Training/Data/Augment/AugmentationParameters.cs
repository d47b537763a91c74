namespace Dashboard.Training.Data.Augment;

/// <summary>
/// One draw of the random transforms, applied in this order to the source image: take a square crop of
/// 1/<see cref="Zoom"/> of the shorter side at (<see cref="CropX"/>, <see cref="CropY"/>) (0 = left/top of the free
/// range, 1 = right/bottom), rotate by <see cref="RotationDegrees"/>, flip, turn by <see cref="QuarterTurns"/> × 90°,
/// scale to the output size, then lighting as fastai 0.7's <c>RandomLighting</c>: v' = (v − mean)·<see cref="Contrast"/> + mean
/// + <see cref="Brightness"/>, clamped to [0, 1], with the image's mean.
/// </summary>
public readonly record struct AugmentationParameters(
    double Zoom, double CropX, double CropY, double RotationDegrees,
    bool FlipHorizontal, bool FlipVertical, int QuarterTurns, double Brightness, double Contrast)
{
    /// <summary>No change: the centred square of the shorter side, scaled to the output size.</summary>
    public static AugmentationParameters Identity => new(1, 0.5, 0.5, 0, false, false, 0, 0, 1);

    public bool ChangesLighting => Brightness != 0 || Contrast != 1;

    /// <summary>
    /// Draws every parameter from <paramref name="random"/> in a fixed order, whatever the preset, so one seed
    /// gives one draw. Transforms the preset leaves out keep their identity value. As fastai 0.7's side_on: zoom and
    /// rotation each apply with their probability, lighting always (brightness ±b added; contrast from c ∈ ±c as
    /// c + 1, or 1/(1 − c) below zero), the flip half the time.
    /// </summary>
    public static AugmentationParameters Draw(AugmentationOptions options, Random random)
    {
        var zoom = 1 + random.NextDouble() * (options.MaxZoom - 1);
        var (cropX, cropY) = (random.NextDouble(), random.NextDouble());
        var rotation = (random.NextDouble() * 2 - 1) * options.MaxRotationDegrees;
        var (flipH, flipV, quarters) = (random.Next(2) == 1, random.Next(2) == 1, random.Next(4));
        var brightness = (random.NextDouble() * 2 - 1) * options.MaxLighting;
        var contrastDraw = (random.NextDouble() * 2 - 1) * options.MaxLighting;
        var contrast = contrastDraw < 0 ? 1 / (1 - contrastDraw) : 1 + contrastDraw;
        if (random.NextDouble() >= options.ZoomProbability) zoom = 1;
        if (random.NextDouble() >= options.RotationProbability) rotation = 0;
        if (!options.IsEnabled) return Identity;
        return new AugmentationParameters(zoom, cropX, cropY, rotation,
            options.FlipsHorizontally && flipH, options.FlipsVertically && flipV,
            options.TurnsQuarters ? quarters : 0, brightness, contrast);
    }
}
